import { HDict, HGrid, HRef } from 'haystack-core';
import { refValue } from '../entity-index.js';
import { HaystackRequestError } from '../haystack-errors.js';
import { firstRow, type HaystackOp, textArg, wholeArg } from '../haystack-op.js';

/** Most rows one read answers. */
const MAX_READ = 100_000;

/** read: by filter (with an optional limit) or by ids (one row each, all null for an id not found). */
export const readOp: HaystackOp = {
  name: 'read',
  summary: 'Read entity records in database',
  run: async (request, cx) => {
    const row = firstRow(request);
    const filter = textArg(row, 'filter');
    if (filter !== undefined) return HGrid.make({ rows: cx.entities.filter(filter, wholeArg(row, 'limit', MAX_READ, MAX_READ)) });
    const ids = request.getRows().map((r) => refValue(r.get('id')));
    if (ids.length === 0 || ids.some((id) => id === undefined))
      throw new HaystackRequestError('read needs a filter, or an id (Ref) in every row');
    if (ids.length > MAX_READ) throw new HaystackRequestError(`read takes at most ${MAX_READ} ids`);
    return HGrid.make({ rows: ids.map((id) => cx.entities.get(id!) ?? HDict.make({})) });
  },
};

/** nav: the children of a navId (site → floors and plant → zones → equipment → points); sites at the root. */
export const navOp: HaystackOp = {
  name: 'nav',
  summary: 'Navigate record tree',
  run: async (request, cx) => {
    const row = firstRow(request);
    const navId = row?.has('navId') ? (refValue(row.get('navId')) ?? textArg(row, 'navId')?.replace(/^@/, '')) : undefined;
    // a row that has children carries the navId to ask for them; points are the leaves
    const rows = cx.entities.navChildren(navId).map((d) => {
      if (d.has('point')) return d;
      const out = d.newCopy() as HDict;
      out.set('navId', HRef.make(refValue(d.get('id'))!));
      return out;
    });
    return HGrid.make({ rows });
  },
};
