import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAYSIM_BIN } from '../helpers/office-store.js';
import { type ServeProcess, startServeProcess, stopServeProcess } from '../helpers/serve-process.js';

/*
 * The acceptance of the dashboard in a real browser (Debian's chromium driven by playwright-core) against
 * `haysim serve --live --users users.yaml` as users start it: the page's own sign-in (the Haystack SCRAM
 * handshake run by the browser's Web Crypto), a VAV's zone-temperature trend with data and a ground-truth
 * event marker, the live service stopped and started from the page; then the industrial campus's tree.
 * Screenshots go to test-artifacts/ (gitignored).
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const USER = 'operator';
const PASSWORD = 'correct horse battery';
/** What the page keeps after signing in (evaluated in the page: this project's types have no DOM). */
const TOKEN_IN_PAGE = "sessionStorage.getItem('haysim.authToken')";

const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM))
  console.warn(`\n!!! dashboard browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does)\n`);

function haysim(args: readonly string[], input?: string): string {
  const r = spawnSync(process.execPath, [HAYSIM_BIN, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 600_000, // the campus takes minutes on a loaded 2-core machine
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** every serve started, stopped at the end whatever failed */
const serves: ChildProcess[] = [];

async function startServe(args: readonly string[]): Promise<ServeProcess> {
  const serve = await startServeProcess(args);
  serves.push(serve.process);
  return serve;
}

/** The page's login dialog, as a user fills it. */
async function signIn(page: Page, password = PASSWORD): Promise<void> {
  const dialog = page.locator('dialog#login');
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('input[name="user"]').fill(USER);
  await dialog.locator('input[name="password"]').fill(password);
  await dialog.locator('button[type="submit"]').click();
}

describeWithChromium('dashboard in a real browser against haysim serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'haysim-dash-'));
  let browser: Browser;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const entry = haysim(['serve', '--hash-password', USER, '--write'], `${PASSWORD}\n`);
    writeFileSync(join(dir, 'users.yaml'), `users:\n${entry}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of serves) await stopServeProcess(child);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('office tower: signs in by SCRAM, trends a VAV’s zone temperature with an event, stops and starts the live service', async () => {
    const data = join(dir, 'office');
    // a generated day at 15 minutes up to now; the live service carries it on
    haysim(['generate', '--data-dir', data, '--days', '1', '--interval', '15m', '--quiet', '--no-validate']);
    serve = await startServe(['--data-dir', data, '--live', '--interval', '15m', '--users', join(dir, 'users.yaml')]);
    const { base } = serve;
    // without a token nothing is read or changed
    expect((await fetch(`${base}/ui/api/site`)).status).toBe(401);
    expect((await fetch(`${base}/ui/api/live/stop`, { method: 'POST' })).status).toBe(401);

    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await signIn(page, 'not the password');
    await expect.poll(() => page.locator('dialog#login .login-error').textContent()).toMatch(/wrong user name or password/);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-login-refused.png') });
    await page.locator('dialog#login input[name="password"]').fill(PASSWORD);
    await page.locator('dialog#login button[type="submit"]').click();
    await page.locator('dialog#login').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('#site-name').textContent()).toBe('Downtown Office Tower');
    expect(await page.evaluate<string | null>(TOKEN_IN_PAGE)).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    // a VAV with a ground-truth event in the data, found through the signed-in page's own session
    const vav = await page.evaluate<string | undefined>(`(async () => {
      const headers = { authorization: 'BEARER authToken=' + ${TOKEN_IN_PAGE} };
      const vavs = [...document.querySelectorAll('.tree .equip')].map((a) => a.dataset.equip).filter((id) => id.startsWith('equip_vav_'));
      for (const id of vavs) {
        const r = await fetch('/ui/api/events?equip=' + id + '&from=' + (Date.now() - 2 * 86400000) + '&to=' + (Date.now() + 86400000), { headers });
        if ((await r.json()).events.length > 0) return id;
      }
    })()`);
    expect(vav, 'a VAV with a ground-truth event').toBeDefined();
    const vavName = await page.locator(`.tree .equip[data-equip="${vav}"]`).evaluate((a) => a.firstChild!.textContent!);
    await page.locator('#tree-filter').fill(vavName.toLowerCase());
    await page.locator(`.tree .equip[data-equip="${vav}"]`).click();
    await page.locator('#chart canvas').waitFor();
    await expect.poll(() => page.locator('#chart-info').textContent()).toMatch(/\d+ (raw readings|buckets)/);
    expect(await page.locator('#readings tr[data-point="zone_temp_f"] input').isChecked()).toBe(true);
    expect(await page.locator('.u-legend').textContent()).toContain('zone_temp_f');
    expect(await page.locator('#event-list li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-vav-trend.png') });

    await page.locator('[data-tab="live"]').click();
    const pill = page.locator('#live-pill');
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 60_000 }).toBe('running');
    await page.locator('#live-stop').click();
    // a stop finishes the tick (or the catch-up) in progress: long on a loaded machine
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 120_000 }).toBe('stopped');
    // the editor shows the settings serve was started with
    expect(await page.locator('#config-form input[name="acceleration"]').inputValue()).toBe('1');
    expect(await page.locator('#config-form input[name="interval"]').inputValue()).toBe('900 s');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-live-stopped.png') });
    await page.locator('#live-start').click();
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 60_000 }).toBe('running');
    // the log records the restart: a second `started`
    await expect
      .poll(() => page.locator('#activity tbody .badge', { hasText: /^started$/ }).count(), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-live-running.png') });
    // the server's own status route says the same as the page
    const token = await page.evaluate<string | null>(TOKEN_IN_PAGE);
    const status = await fetch(`${base}/live/status`, { headers: { authorization: `BEARER authToken=${token}` } });
    expect(((await status.json()) as { running: boolean }).running).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
    await stopServeProcess(serve.process);
  }, 400_000);

  it('industrial campus: the site tree shows its buildings and plant, and a chiller trends', async () => {
    const data = join(dir, 'campus');
    haysim([
      'generate',
      '--profile',
      'industrial-campus',
      '--data-dir',
      data,
      '--start',
      '2025-07-14T06:00',
      '--end',
      '2025-07-14T12:00',
      '--interval',
      '1h',
      '--quiet',
      '--no-validate',
    ]);
    serve = await startServe(['--data-dir', data, '--users', join(dir, 'users.yaml')]);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.base);
    await signIn(page);
    await page.locator('dialog#login').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.tree .equip').count(), { timeout: 30_000 }).toBeGreaterThan(300);
    // the tree holds every equipment the API's read finds, once
    const tree = await page.evaluate<string[]>(`[...document.querySelectorAll('.tree .equip')].map((a) => a.title.split(' ')[0])`);
    expect(new Set(tree).size).toBe(tree.length);
    const token = await page.evaluate<string | null>(TOKEN_IN_PAGE);
    const read = await fetch(`${serve.base}/api/read?filter=${encodeURIComponent('equip')}&limit=10000`, {
      headers: { authorization: `BEARER authToken=${token}`, accept: 'application/json' },
    });
    const equips = ((await read.json()) as { rows: { id: { val: string } }[] }).rows.map((r) => r.id.val);
    expect(equips.length).toBeGreaterThan(300);
    expect(tree.every((id) => equips.includes(id!))).toBe(true);
    await page.locator('#tree-filter').fill('chiller');
    // the filter leaves the chillers on screen and nothing else
    const shown = await page.locator('.tree .equip:visible').allTextContents();
    expect(shown.length).toBeGreaterThanOrEqual(6);
    expect(shown.filter((t) => !/chiller/i.test(t))).toEqual([]);
    const chiller = page.locator('.tree .equip:visible').first();
    await chiller.click();
    await page.locator('#chart canvas').waitFor();
    await expect.poll(() => page.locator('#chart-info').textContent()).toMatch(/\d+ (raw readings|buckets)/);
    // times on the site's clock: Pune, not UTC
    expect(await page.locator('#site-facts').textContent()).toContain('Asia/Kolkata');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-campus-chiller.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 800_000);
});
