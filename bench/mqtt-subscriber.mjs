// A subscriber in its own process (the bench's publisher must not share its core):
// prints each tick's timestamp once all of its readings have arrived.
// Payload `point`: one reading per message; `equip`: {equip, site, ts, readings: [...]}.
import mqtt from 'mqtt';

const [url, topic, expected, payload = 'point'] = process.argv.slice(2);
const seen = new Map();
const client = await mqtt.connectAsync(url);
await client.subscribeAsync(topic, { qos: 0 });
const count = (ts, n) => {
  const total = (seen.get(ts) ?? 0) + n;
  seen.set(ts, total);
  if (total === Number(expected)) process.stdout.write(`${ts}\n`);
};
// the first "ts" is the message's (equip: the wrapper's, before any reading); readings are
// counted by their opening `{"id":`: the subscriber must not be the bottleneck, so no JSON.parse
const TS = Buffer.from('"ts":"');
const READING = Buffer.from('{"id":');
client.on('message', (_topic, message) => {
  const i = message.indexOf(TS);
  let n = 1;
  if (payload === 'equip') {
    n = 0;
    for (let at = message.indexOf(READING); at >= 0; at = message.indexOf(READING, at + READING.length)) n++;
  }
  count(message.toString('latin1', i + 6, i + 30), n);
});
process.stdout.write('ready\n');
