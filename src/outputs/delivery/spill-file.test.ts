import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpillFile } from './spill-file.js';
import { makeDelivery } from './transport.js';

const dir = mkdtempSync(join(tmpdir(), 'haysim-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SpillFile', () => {
  it('replays what it spilled, in order, byte for byte', async () => {
    const path = join(dir, 'ok.jsonl');
    const file = await SpillFile.open(path, 1 << 20);
    const payload = Buffer.from('{"a":1}{"b":"é\\n"}', 'utf8');
    expect(await file.append(makeDelivery('lane-1', ['t/a', 't/b'], payload, Uint32Array.from([7, payload.length])))).toBe(true);
    const back = await file.peek();
    expect([back?.lane, back?.targets, back?.payload.toString('utf8'), [...(back?.ends ?? [])]]).toEqual([
      'lane-1',
      ['t/a', 't/b'],
      payload.toString('utf8'),
      [7, payload.length],
    ]);
    await file.take();
    expect(await file.peek()).toBeUndefined();
    await file.close();
  });

  it('names the file when a line is in an older format instead of failing on a missing field', async () => {
    const path = join(dir, 'old.jsonl');
    writeFileSync(path, `1\t${JSON.stringify({ l: 'lane-1', t: ['t/a'], b: '{"a":1}' })}\n`);
    const file = await SpillFile.open(path, 1 << 20);
    await expect(file.peek()).rejects.toThrow(`${path}: a line in a format this haysim cannot replay`);
    await file.close();
  });
});
