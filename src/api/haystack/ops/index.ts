import type { HaystackOp } from '../haystack-op.js';
import { defsOp } from './defs-op.js';
import { hisReadOp, hisWriteOp } from './his-ops.js';
import { pointWriteOp } from './point-write-op.js';
import { navOp, readOp } from './read-ops.js';
import { aboutOp, filetypesOp, formatsOp, opsOp } from './server-info.js';
import { watchPollOp, watchSubOp, watchUnsubOp } from './watch-ops.js';

/** The ops served at /api/{op}: an op is a module and a line here. */
export const HAYSTACK_OPS: readonly HaystackOp[] = [
  aboutOp,
  opsOp,
  filetypesOp,
  formatsOp,
  readOp,
  navOp,
  hisReadOp,
  hisWriteOp,
  pointWriteOp,
  watchSubOp,
  watchPollOp,
  watchUnsubOp,
  defsOp,
];
