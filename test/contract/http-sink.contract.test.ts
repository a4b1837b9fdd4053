import { HttpSink } from '../../src/outputs/http/http-sink.js';
import { startHttpReceiver } from '../helpers/http-receiver.js';
import { describeSinkContract } from './sink-contract.js';
import { readingRecord, STREAM_CAPABILITIES } from './stream-records.js';

// A real receiver on 127.0.0.1; batches of 3 so a chunk's 16 readings span several requests.
describeSinkContract('http', async () => {
  const receiver = await startHttpReceiver();
  return {
    capabilities: STREAM_CAPABILITIES,
    createSink: () => new HttpSink({ url: receiver.url, path: '/readings', batchSize: 3, retryBaseMs: 10 }),
    // finish() and close() wait for delivery: what the receiver holds is complete
    readHistory: async () => receiver.readings().map(readingRecord),
    dispose: () => receiver.stop(),
  };
});
