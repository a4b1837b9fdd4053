// A subscriber in its own process (the bench's publisher must not share its core):
// prints each tick's timestamp once all of its readings have arrived.
import mqtt from 'mqtt';

const [url, topic, expected] = process.argv.slice(2);
const seen = new Map();
const client = await mqtt.connectAsync(url);
await client.subscribeAsync(topic, { qos: 0 });
client.on('message', (_topic, payload) => {
  // the timestamp sits at a fixed place in haysim's payload: avoid a full JSON.parse per message
  const s = payload.toString();
  const i = s.indexOf('"ts":"');
  const ts = s.slice(i + 6, i + 30);
  const n = (seen.get(ts) ?? 0) + 1;
  seen.set(ts, n);
  if (n === Number(expected)) process.stdout.write(`${ts}\n`);
});
process.stdout.write('ready\n');
