import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildContext } from '../../src/context/build-context.js';
import { PostgresStore } from '../../src/outputs/postgres/postgres-store.js';
import { QueryClient } from '../../src/query/query-client.js';
import { loadOffice } from '../fixtures/query-stores.js';
import { describeWithPostgres } from '../helpers/postgres.js';

/*
 * The LLM side of the query layer on two office-tower days at 15 minutes in PostgreSQL: context text checked
 * against numbers recomputed from the raw rows, budgets measured with the tokenizer, `haysim selftest`, and
 * `haysim mcp` driven by the MCP SDK's own client over stdio (the built binary) and streamable HTTP.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'haysim.js');
const START = Date.UTC(2025, 6, 14, 4);
const END = Date.UTC(2025, 6, 16, 4);
const EQUIP = 'equip_chiller_1';
const f2 = (n: number) => n.toFixed(2);

function haysim(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describeWithPostgres('context, selftest and mcp on PostgreSQL', (server) => {
  let url: string;
  let q: QueryClient;
  let raw: pg.Client;
  /** a point's readings as stored, oldest first */
  const readings = async (equip: string, column: string, from: number, to: number): Promise<{ ts: number; v: number }[]> => {
    const pointId = (await q.columns(equip)).rows.find((c) => c.name === column)!.pointId;
    const { rows } = await raw.query(
      `SELECT (extract(epoch FROM v.ts) * 1000)::float8 AS ts, v.value_n::float8 AS v FROM core.values_demo v JOIN core.entity e ON e.id = v.entity_id
        WHERE e.haystack_id = $1 AND v.ts >= $2 AND v.ts < $3 AND v.value_n IS NOT NULL ORDER BY v.ts`,
      [pointId, new Date(from), new Date(to)],
    );
    return rows.map((r) => ({ ts: Number(r.ts), v: Number(r.v) }));
  };

  beforeAll(async () => {
    url = await server.createDatabase('llm_e2e');
    const store = new PostgresStore({ url, org: 'demo', layout: 'haystack' });
    try {
      await loadOffice(store, 'demo', START, END, 15 * 60_000);
    } finally {
      await store.close();
    }
    q = await QueryClient.open({ url });
    raw = new pg.Client(url);
    await raw.connect();
  }, 180_000);
  afterAll(async () => {
    await Promise.all([q?.close(), raw?.end()]);
  });

  it('summarises an equipment with its latest values and 24 h statistics as the raw rows give them', async () => {
    const { text, tokens } = await buildContext(q, { kind: 'summary', equipment: [EQUIP] });
    expect(tokens).toBeNull();
    const last = END - 15 * 60_000;
    const xs = await readings(EQUIP, 'power_kw', last + 1 - 86_400_000, last + 1);
    expect(xs).toHaveLength(96);
    const vs = xs.map((x) => x.v);
    const avg = vs.reduce((s, v) => s + v, 0) / vs.length;
    expect(text).toContain(`Latest reading ${new Date(last).toISOString().slice(0, 16)}Z`);
    expect(text).toContain(`- power_kw: ${f2(vs.at(-1)!)} kW (${f2(Math.min(...vs))} / ${f2(avg)} / ${f2(Math.max(...vs))})`);
    expect(text).toMatch(/type chiller, .*11 columns, site time zone America\/New_York/);
    // deterministic: the same text again
    expect((await buildContext(q, { kind: 'summary', equipment: [EQUIP] })).text).toBe(text);
  });

  it('marks k·σ anomalies, counting the readings the raw rows put beyond the bounds, and names matching labelled events', async () => {
    const { text } = await buildContext(q, { kind: 'anomalies', equipment: ['equip_ahu_1'], hours: 48 });
    const to = END - 15 * 60_000 + 1;
    for (const column of ['mixed_temp_f', 'return_temp_f', 'fan_power_kw']) {
      const vs = (await readings('equip_ahu_1', column, to - 48 * 3_600_000, to)).map((x) => x.v);
      const mean = vs.reduce((s, v) => s + v, 0) / vs.length;
      const sd = Math.sqrt(vs.reduce((s, v) => s + (v - mean) ** 2, 0) / vs.length);
      const beyond = vs.filter((v) => Math.abs(v - mean) > 2 * sd).length;
      const lines = text.split('\n').filter((l) => l.startsWith(`- ${column} `));
      const counted = lines.reduce((s, l) => s + Number(/, (\d+) readings?, peak/.exec(l)![1]), 0);
      expect(counted, column).toBe(beyond);
      if (beyond) expect(lines[0]).toContain(`(mean ${f2(mean)} `);
    }
    // each event a run names overlaps it in the store's ground truth
    const named = [...text.matchAll(/labelled: (\w+) (\S+) \(/g)];
    expect(named.length).toBeGreaterThan(0);
    for (const [, type, key] of named) {
      const { rows } = await raw.query('SELECT type FROM core.haysim_event WHERE event_key = $1', [key]);
      expect(rows, key).toEqual([{ type }]);
    }
  });

  it('compares equipment on averages recomputed from raw rows, and trends within a measured token budget', async () => {
    const { text } = await buildContext(q, { kind: 'compare', equipment: ['equip_chiller_1', 'equip_chiller_2'], columns: ['power_kw'] });
    const to = END - 15 * 60_000 + 1;
    for (const e of ['equip_chiller_1', 'equip_chiller_2']) {
      const vs = (await readings(e, 'power_kw', to - 86_400_000, to)).map((x) => x.v);
      expect(text).toContain(
        `${e} ${f2(vs.reduce((s, v) => s + v, 0) / vs.length)} / ${f2(Math.min(...vs))} / ${f2(Math.max(...vs))} (96)`,
      );
    }
    let previous = 0;
    for (const budget of [130, 160, 250, 2000]) {
      const a = await buildContext(q, { kind: 'trend', equipment: [EQUIP], columns: ['power_kw'], hours: 48, budget });
      expect(countTokens(a.text)).toBe(a.tokens);
      expect(a.tokens!).toBeLessThanOrEqual(budget);
      expect(a.text.split('\n').length).toBeGreaterThanOrEqual(previous);
      previous = a.text.split('\n').length;
      expect((await buildContext(q, { kind: 'trend', equipment: [EQUIP], columns: ['power_kw'], hours: 48, budget })).text).toBe(a.text);
      if (budget === 2000) expect(a.omitted).toBe(0);
      else expect(a.text).toMatch(/\(\d+ more sample points left out to fit the token budget\)/);
    }
    await expect(buildContext(q, { kind: 'trend', equipment: [EQUIP], columns: ['power_kw'], budget: 5 })).rejects.toThrow(
      /--budget 5: too small/,
    );
    const none = await buildContext(q, { kind: 'trend', equipment: [EQUIP], columns: ['power_kw'], to: '2020-01-02' });
    expect(none.text).toMatch(/No data: no readings of power_kw in this period/);
  });

  it('prints context from the CLI, refusing bad flags with exit 2', () => {
    const ok = haysim(['context', 'trend', EQUIP, '--column', 'power_kw', '--budget', '120', '--db', url]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(countTokens(ok.stdout)).toBeLessThanOrEqual(120);
    expect(ok.stderr).toMatch(/^\d+ tokens, \d+ lines left out\n$/);
    for (const [args, message] of [
      [['context', 'summary', 'equip_chiller_l'], /unknown equipment "equip_chiller_l": did you mean "equip_chiller_1"/],
      [['context', 'trend', EQUIP, '--column', 'power_kw', '--budget', 'lots'], /--budget "lots"/],
      [['context', 'compare', EQUIP], /at least two equipment/],
      [['context', 'anomalies', EQUIP, '--hours', '0'], /--hours "0"/],
    ] as const) {
      const r = haysim([...args, '--db', url]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('selftest passes on the store and fails (exit 1) when it cannot connect', () => {
    const pass = haysim(['selftest', '--quick', '--db', url]);
    expect(pass.code, pass.stdout + pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/^ok {4}connect/);
    expect(pass.stdout).toMatch(/equipment .*85 equipment \(haystack layout\): vav 48, meter 15/);
    expect(pass.stdout).not.toMatch(/7 days/);
    expect(pass.stdout.trim().split('\n').at(-1)).toMatch(/^PASS: 9\/9 checks in \d+ ms$/);
    const fail = haysim(['selftest', '--db', 'postgres://nobody:x@127.0.0.1:1/none']);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/^FAIL {2}connect .*connection refused/);
    expect(fail.stdout.trim().split('\n').at(-1)).toMatch(/^FAIL: 1 of 1 checks failed \(connect\)/);
  });

  it('serves every tool over stdio to the SDK client, with the library’s answers, and refuses bad arguments', async () => {
    const client = new Client({ name: 'haysim-test', version: '1' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--db', url], stderr: 'pipe' }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(
        [
          'alerts',
          'anomalies',
          'context',
          'describe_equipment',
          'ground_truth_events',
          'latest',
          'list_equipment',
          'range',
          'stats',
        ].sort(),
      );
      expect(tools.every((t) => t.annotations?.readOnlyHint === true && t.outputSchema)).toBe(true);
      const call = async (name: string, args: Record<string, unknown>) => {
        const r = await client.callTool({ name, arguments: args });
        expect(r.isError, `${name}: ${JSON.stringify(r.content)}`).toBeFalsy();
        return r.structuredContent as Record<string, unknown>;
      };
      const same = (got: Record<string, unknown>, want: { rows: readonly object[]; rowCount: number }) => {
        expect(got.rows).toEqual(JSON.parse(JSON.stringify(want.rows)));
        expect(got.rowCount).toBe(want.rowCount);
      };
      same(await call('list_equipment', { type: 'chiller' }), await q.equipment({ type: 'chiller' }));
      const described = await call('describe_equipment', { equip: EQUIP });
      expect(described.equipment).toMatchObject({ id: EQUIP, type: 'chiller' });
      same(described, await q.columns(EQUIP));
      same(await call('latest', { equip: EQUIP, columns: ['power_kw'] }), await q.latest(EQUIP, { columns: ['power_kw'] }));
      const range = { equip: EQUIP, columns: ['power_kw', 'cop'], from: '2025-07-14', to: '2025-07-15', agg: 'max', every: '6h' } as const;
      same(await call('range', range), await q.range(EQUIP, range));
      same(await call('stats', { equip: EQUIP, from: '2025-07-14' }), await q.stats(EQUIP, { from: '2025-07-14' }));
      const anomalies = { equip: EQUIP, column: 'power_kw', op: '>', value: 100, limit: 5 } as const;
      const a = await call('anomalies', anomalies);
      same(a, await q.anomalies(EQUIP, anomalies));
      expect(a.truncated).toBe(true);
      expect(a.note).toMatch(/^truncated: 5 rows shown/);
      same(await call('alerts', { since: '2d' }), await q.alerts({ since: '2d', limit: 100 }));
      const events = await call('ground_truth_events', { equip: 'equip_ahu_1', since: '2d' });
      same(events, await q.events({ equip: 'equip_ahu_1', since: '2d', limit: 100 }));
      expect(events.rowCount).toBeGreaterThan(0);
      const ctx = await call('context', { kind: 'summary', equipment: [EQUIP], budget: 150 });
      expect(ctx.tokens).toBeLessThanOrEqual(150);
      expect(ctx.text).toBe((await buildContext(q, { kind: 'summary', equipment: [EQUIP], budget: 150 })).text);

      for (const [name, args, message] of [
        ['range', { equip: EQUIP, limit: 'all' }, /Input validation error.*limit/],
        ['range', { equip: EQUIP, limit: 100_000 }, /Input validation error.*limit/],
        ['anomalies', { equip: EQUIP, column: 'power_kw', op: '=>', value: 1 }, /Input validation error.*op/],
        ['latest', { equip: "x'; DROP TABLE core.org; --" }, /unknown equipment/],
        ['latest', {}, /Input validation error.*equip/],
        ['range', { equip: EQUIP, from: '2025-07-15', to: '2025-07-14' }, /must be before/],
        ['context', { kind: 'compare', equipment: [EQUIP] }, /at least two equipment/],
      ] as const) {
        const r = await client.callTool({ name, arguments: args });
        expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
        expect((r.content as { text: string }[])[0]!.text).toMatch(message);
      }
      await expect(client.callTool({ name: 'sql', arguments: { statement: 'DROP TABLE core.org' } })).resolves.toMatchObject({
        isError: true,
      });
      const { rows } = await raw.query(`SELECT count(*)::int AS n FROM core.org`);
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('answers over streamable HTTP on 127.0.0.1', async () => {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0', '--db', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d;
          const m = /serving streamable HTTP at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`haysim mcp exited ${code}`)));
      });
      const client = new Client({ name: 'haysim-http-test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
      const r = await client.callTool({ name: 'latest', arguments: { equip: EQUIP, columns: ['power_kw'] } });
      expect((r.structuredContent as { rows: unknown[] }).rows).toEqual((await q.latest(EQUIP, { columns: ['power_kw'] })).rows);
      await client.close();
      // another Host header is refused (DNS rebinding)
      // (fetch cannot set Host: node:http can)
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request(endpoint, {
          method: 'POST',
          headers: { host: 'evil.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
      });
      expect(status).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
