import { PgliteStore } from '../src/outputs/pglite/pglite-store.js';
import { serveHaystack } from '../src/api/haystack-service.js';

/**
 * 200 concurrent hisRead clients on loopback against `haysim serve` for a bounded time: p50/p99 latency
 * and the error count. Usage: tsx bench/serve-bench.ts <embedded store dir> [seconds] [date]
 */
const [dir = './haysim-data', seconds = '20', day = '2025-07-14'] = process.argv.slice(2);
const CLIENTS = 200;
const store = new PgliteStore({ dataDir: dir });
const handle = await serveHaystack({ store, org: 'demo', host: '127.0.0.1', port: 0, allowWrites: false });
const url = `http://127.0.0.1:${handle.port}/api/hisRead?id=@equip-vav-1-east.zoneTemp&range=${day}`;
const latencies: number[] = [];
let errors = 0;
const until = performance.now() + Number(seconds) * 1000;
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        const res = await fetch(url);
        const body = await res.text();
        if (res.status !== 200 || body.includes(' err ')) errors++;
        else latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
  }),
);
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
process.stdout.write(
  `serve hisRead: ${CLIENTS} clients, ${seconds} s: ${latencies.length} answers (${(latencies.length / Number(seconds)).toFixed(0)}/s), p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, ${errors} errors\n`,
);
await handle.close();
await store.close();
