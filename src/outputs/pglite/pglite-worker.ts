// Worker thread of the embedded store: owns the PGlite engine of one data
// directory and runs what pglite-thread-client.ts sends, one request at a time.
import { serveCalls } from '../../threads/worker-calls.js';
import { ValuesCopyEncoder } from '../core-store/copy-binary-encoder.js';
import type { SqlClient } from '../core-store/sql-client.js';
import { openPgliteClient } from './pglite-client.js';
import type { PgliteRequest } from './pglite-thread-client.js';

let client: SqlClient | undefined;
const encoder = new ValuesCopyEncoder();

serveCalls<PgliteRequest>(async (request) => {
  if (request.op === 'open') {
    client = await openPgliteClient({ dataDir: request.dataDir, target: request.dataDir });
    return undefined;
  }
  if (!client) throw new Error('the embedded store is not open');
  switch (request.op) {
    case 'query':
      return client.query(request.sql, request.params);
    case 'exec':
      return client.exec(request.sql);
    case 'copy': {
      const copy = await client.copyFrom(request.sql);
      for (const part of request.data) await copy.write(part);
      return copy.end();
    }
    case 'copyValues': {
      const copy = await client.copyFrom(request.sql);
      await copy.write(encoder.encode(request.job.batch, request.job.entityIds, request.job.labels));
      await copy.end(); // the blob copies the bytes when it is made: the encoder's buffer is free again
      return undefined;
    }
    case 'close': {
      const closing = client;
      client = undefined;
      return closing.close();
    }
  }
});
