// The page's one way to the server: JSON over /ui/api with the bearer token; a 401 opens the login
// dialog and the call is made again once signed in.
import { bearerHeader, forgetToken, login } from './haystack-auth.js';

let pendingLogin;

export async function api(path, { method = 'GET', body } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { accept: 'application/json' };
    const auth = bearerHeader();
    if (auth) headers.authorization = auth;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`/ui/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
    if (res.status === 401 && attempt < 3) {
      forgetToken();
      await signIn();
      continue;
    }
    if (!res.ok) throw Object.assign(new Error(data.error ?? `HTTP ${res.status}`), { status: res.status });
    return data;
  }
}

/** Shows the login dialog until a handshake succeeds; concurrent 401s share one dialog. */
function signIn() {
  pendingLogin ??= new Promise((resolve) => {
    const dialog = document.getElementById('login');
    const form = dialog.querySelector('form');
    const error = dialog.querySelector('.login-error');
    error.textContent = '';
    dialog.showModal();
    form.onsubmit = async (event) => {
      event.preventDefault();
      error.textContent = 'signing in…';
      try {
        await login(form.user.value, form.password.value);
        form.password.value = '';
        dialog.close();
        pendingLogin = undefined;
        resolve();
      } catch (e) {
        error.textContent = e.message;
      }
    };
  });
  return pendingLogin;
}
