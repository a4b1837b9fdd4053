/** One JSON POST: null when the server answers 200 or 201, else a short reason for the console and statistics. */
import type { EnvSensorsConfig } from './env-sensors-config.js';

export async function postJson(url: string, body: string, server: EnvSensorsConfig['server'], stop: AbortSignal): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.headers },
      body,
      signal: AbortSignal.any([stop, AbortSignal.timeout(server.timeoutMs)]),
    });
    await response.arrayBuffer().catch(() => undefined); // free the connection for the next request
    return response.status === 200 || response.status === 201
      ? null
      : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  } catch (error) {
    return describeFetchError(error);
  }
}

/** `connect ECONNREFUSED 127.0.0.1:8000` rather than undici's bare "fetch failed". */
export function describeFetchError(error: unknown): string {
  const e = error as Error & { cause?: Error };
  if (e?.name === 'TimeoutError') return 'timed out';
  if (e?.name === 'AbortError') return 'stopped';
  return e?.cause?.message || e?.message || String(error);
}
