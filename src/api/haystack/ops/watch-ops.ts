import { HDict, HGrid, HNum, HStr, type HVal, Kind, valueIsKind } from 'haystack-core';
import { withCurVals } from '../cur-values.js';
import { refValue } from '../entity-index.js';
import { HaystackRequestError } from '../haystack-errors.js';
import { type HaystackOp, type OpContext, textArg } from '../haystack-op.js';

/**
 * watchSub opens a watch (meta `watchDis`) or adds to one (meta `watchId`) and answers the records with
 * their curVal; watchPoll answers the records whose curVal changed since the last poll (all with
 * `refresh`); watchUnsub removes ids, or closes the watch with `close`. Values are those a live service
 * writes to the store as it runs.
 */
export const watchSubOp: HaystackOp = {
  name: 'watchSub',
  summary: 'Watch subscription',
  run: async (request, cx) => {
    const ids = idsOf(request);
    const watchId = textArg(request.meta, 'watchId');
    const dis = textArg(request.meta, 'watchDis') ?? 'watch';
    const opened = cx.watches.subscribe(watchId, dis, ids, leaseMs(request.meta.get('lease')));
    const rows = await records(cx, ids);
    const watch = cx.watches.get(opened.id);
    for (const r of rows) remember(watch.last, r);
    return HGrid.make({
      meta: HDict.make({ watchId: HStr.make(opened.id), lease: HNum.make(opened.leaseMs / 1000, 's') }),
      rows,
    });
  },
};

export const watchPollOp: HaystackOp = {
  name: 'watchPoll',
  summary: 'Watch poll cov or refresh',
  run: async (request, cx) => {
    const watchId = textArg(request.meta, 'watchId');
    if (watchId === undefined) throw new HaystackRequestError('watchPoll needs watchId in the grid meta');
    const watch = cx.watches.get(watchId);
    const refresh = request.meta.has('refresh');
    const rows = (await records(cx, [...watch.ids])).filter((r) => remember(watch.last, r) || refresh);
    return HGrid.make({ meta: HDict.make({ watchId: HStr.make(watchId) }), rows });
  },
};

export const watchUnsubOp: HaystackOp = {
  name: 'watchUnsub',
  summary: 'Watch unsubscription',
  run: async (request, cx) => {
    const watchId = textArg(request.meta, 'watchId');
    if (watchId === undefined) throw new HaystackRequestError('watchUnsub needs watchId in the grid meta');
    cx.watches.unsubscribe(watchId, idsOf(request), request.meta.has('close'));
    return HGrid.make({});
  },
};

function idsOf(request: HGrid): string[] {
  return request.getRows().map((r) => {
    const id = refValue(r.get('id'));
    if (id === undefined) throw new HaystackRequestError('every row needs an id (Ref)');
    return id;
  });
}

/** The records of ids with their curVal; an id not found is an empty row, as read answers it. */
async function records(cx: OpContext, ids: readonly string[]): Promise<HDict[]> {
  const found = ids.map((id) => cx.entities.get(id));
  const withValues = await withCurVals(
    cx.client,
    cx.writes,
    found.filter((d): d is HDict => d !== undefined),
  );
  let next = 0;
  return found.map((d) => (d ? withValues[next++]! : HDict.make({})));
}

/** Records the row's curVal under its id; true when it changed. */
function remember(last: Map<string, string>, row: HDict): boolean {
  const id = refValue(row.get('id'));
  if (id === undefined) return false;
  const now = row.get('curVal')?.toZinc() ?? '';
  const changed = last.get(id) !== now;
  last.set(id, now);
  return changed;
}

function leaseMs(v: HVal | null | undefined): number | undefined {
  if (!v || !valueIsKind<HNum>(v, Kind.Number)) return undefined;
  const unit = v.unit?.symbol;
  return v.value * (unit === 'min' ? 60_000 : unit === 'h' || unit === 'hr' ? 3_600_000 : unit === 'ms' ? 1 : 1000);
}
