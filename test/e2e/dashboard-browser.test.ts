import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiGuard } from '../../src/api/api-auth.js';
import { createDashboardHandler } from '../../src/api/dashboard/dashboard-handler.js';
import { EQUIPMENT_TYPES } from '../../src/equipment/index.js';
import { type LiveControl, runLiveSession } from '../../src/live/live-session.js';
import { buildModel } from '../../src/model/build-model.js';
import { PgliteStore } from '../../src/outputs/pglite/pglite-store.js';
import { loadProfile } from '../../src/profile/load-profile.js';
import { QueryClient } from '../../src/query/query-client.js';
import { runFingerprint } from '../../src/runner/fingerprint.js';
import { loadOffice } from '../fixtures/query-stores.js';

/*
 * The acceptance of the dashboard in a real browser (Debian's chromium driven by playwright-core): pick a
 * VAV, see its zone-temperature trend with data and a ground-truth event, stop and start the live service
 * and see its status change. Screenshots go to test-artifacts/ (gitignored).
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const SMALL = join(import.meta.dirname, '..', 'fixtures', 'profiles', 'small-office.yaml');
const TOKEN = 'dashboard-test-token-0123456789';
const VAV = 'equip_vav_3_north';

const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM))
  console.warn(`\n!!! dashboard browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does)\n`);

/** The small office as a live service on an embedded store of its own; resolves with its control once it serves. */
async function startLive(dataDir: string): Promise<{ control: LiveControl; ended: Promise<unknown> }> {
  const loaded = await loadProfile(SMALL, EQUIPMENT_TYPES);
  const { model, topology } = buildModel(loaded.profile, EQUIPMENT_TYPES);
  const store = new PgliteStore({ dataDir, org: 'live' });
  const seed = loaded.profile.simulation.seed;
  let served!: (c: LiveControl) => void;
  const control = new Promise<LiveControl>((resolve) => (served = resolve));
  const ended = runLiveSession(
    {
      model,
      topology,
      epochMs: Date.parse(loaded.profile.simulation.epoch),
      acceleration: 600,
      backfillDays: 0,
      sinks: [store],
      stateStore: store,
      serviceName: 'dashboard_test',
      run: { org: 'live', profile: model.profile, seed, intervalMs: 60_000, fingerprint: runFingerprint(loaded.text, seed, 60_000) },
    },
    { serve: async (c) => (served(c), () => undefined) },
  );
  return { control: await control, ended };
}

describeWithChromium('dashboard in a real browser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'haysim-dash-'));
  let office: PgliteStore;
  let query: QueryClient;
  let live: Awaited<ReturnType<typeof startLive>>;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    office = new PgliteStore({ dataDir: join(dir, 'office'), org: 'demo' });
    await loadOffice(office, 'demo', Date.UTC(2025, 6, 14, 4), Date.UTC(2025, 6, 16, 4), 15 * 60_000);
    query = await QueryClient.over(office, { org: 'demo' });
    live = await startLive(join(dir, 'live'));
    let guard: ApiGuard | undefined;
    const handler = createDashboardHandler({
      query,
      store: office,
      live: live.control,
      // the ApiGuard's bearer check stands in for the server's: the Haystack header is `BEARER authToken=<token>`
      authorize: (req, { write }) => guard?.refusal(req, write),
    });
    server = createServer((req, res) => {
      handler(req, res, new URL(req.url ?? '/', 'http://localhost')).then((done) => done || res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    guard = new ApiGuard(`authToken=${TOKEN}`, '127.0.0.1', port);
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    process.emit('SIGTERM', 'SIGTERM'); // ends the live session as a signal would
    await live?.ended.catch(() => undefined);
    await office?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses a change without the token, as the server says', async () => {
    const res = await fetch(`${base}/ui/api/live/stop`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(live.control.running()).toBe(true);
  });

  it('shows a VAV’s zone-temperature trend with data and an event marker, and stops and starts the live service', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // the token the Haystack login would have kept (the handshake itself is i14-api's server's)
    await page.addInitScript(
      (token) =>
        (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem(
          'haysim.authToken',
          token,
        ),
      TOKEN,
    );
    await page.goto(base);
    await page.locator('#tree-filter').fill('vav-3n');
    await page.locator(`.tree .equip[data-equip="${VAV}"]`).click();
    await page.locator('#chart canvas').waitFor();
    await expect.poll(() => page.locator('#chart-info').textContent()).toMatch(/\d+ (raw readings|buckets)/);
    expect(await page.locator('#readings tr[data-point="zone_temp_f"] input').isChecked()).toBe(true);
    expect(await page.locator('.u-legend').textContent()).toContain('zone_temp_f');
    expect(await page.locator('#event-list li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-vav-trend.png') });

    await page.locator('[data-tab="live"]').click();
    const pill = page.locator('#live-pill');
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 20_000 }).toBe('running');
    await page.locator('#live-stop').click();
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 20_000 }).toBe('stopped');
    expect(live.control.running()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-live-stopped.png') });
    await page.locator('#live-start').click();
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 20_000 }).toBe('running');
    await expect.poll(() => page.locator('#activity tbody tr').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-live-running.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
