import { HDict, HGrid, HStr, HSymbol, HList } from 'haystack-core';
import { allTagDefs } from '../../../model/defs/haystack-vocabulary.js';
import { parseFilter } from '../entity-index.js';
import { firstRow, type HaystackOp, textArg, wholeArg } from '../haystack-op.js';

/** defs: the Haystack 4 defs the server's data uses (names, libs, supertypes and kinds), by filter. */
export const defsOp: HaystackOp = {
  name: 'defs',
  summary: 'Read the defs of the namespace',
  run: async (request) => {
    const row = firstRow(request);
    const all = allTagDefs().map((d) =>
      HDict.make({
        def: HSymbol.make(d.name),
        lib: HSymbol.make(`lib:${d.lib}`),
        ...(d.is.length ? { is: HList.make(d.is.map((s) => HSymbol.make(s))) } : {}),
        ...(d.kind ? { kind: HStr.make(d.kind) } : {}),
      }),
    );
    const filter = textArg(row, 'filter');
    const limit = wholeArg(row, 'limit', all.length, all.length);
    const parsed = filter === undefined ? undefined : parseFilter(filter);
    const rows = parsed ? all.filter((dict) => parsed.eval({ dict })) : all;
    return HGrid.make({ rows: rows.slice(0, limit) });
  },
};
