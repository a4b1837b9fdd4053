/**
 * SQL: the timestamp `ts` falls in a ground-truth utility outage of org `orgId`, widened by `edgeSeconds` each
 * side (the reading whose interval straddles the outage's start or end) and by `tailSeconds` more after its end
 * (what follows the grid's return: the ATSs' retransfer delay, the DG sets' cool-down).
 */
export function inGridOutage(ts: string, orgId: number, edgeSeconds = 0, tailSeconds = 0): string {
  const edge = edgeSeconds > 0 ? ` - make_interval(secs => ${Math.round(edgeSeconds)})` : '';
  const late = Math.round(edgeSeconds + tailSeconds);
  const after = late > 0 ? ` + make_interval(secs => ${late})` : '';
  return `EXISTS (SELECT 1 FROM core.haysim_event g WHERE g.org_id = ${Math.trunc(orgId)} AND g.type = 'grid-outage'
                  AND ${ts} >= g.start_ts${edge} AND ${ts} < g.end_ts${after})`;
}
