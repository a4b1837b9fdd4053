import { equipSeries } from '../equip-series.js';
import type { ValidationContext } from '../validation-context.js';
import type { ValidationCheck } from '../validation-report.js';
import { meterArithmetic, pccQuality, transformerBalance } from './campus-electrical.js';
import { campusChillers, pumpAffinity } from './campus-machines.js';
import { panelRatings } from './campus-ratings.js';
import { gensetDuty, incomerBalance } from './campus-supply.js';

/** A store holds an electrical campus when it has transformers: the office tower has none. */
export const isCampus = (ctx: ValidationContext) => ctx.entities.find('elec transformer equip').length > 0;

/**
 * The industrial campus's relations, each read per equipment from its own rows: meters' arithmetic,
 * transformer losses, panels' and transformers' loading against their ratings, the incomer balance, DG duty, PCC power quality, pump affinity and the chillers.
 * Nothing (no checks) on a store without transformers.
 */
export async function campusChecks(ctx: ValidationContext): Promise<ValidationCheck[]> {
  if (!isCampus(ctx)) return [];
  const series = await equipSeries(ctx);
  return [
    ...(await meterArithmetic(ctx, series)),
    ...(await transformerBalance(ctx, series)),
    ...(await panelRatings(ctx, series)),
    await incomerBalance(ctx, series),
    await gensetDuty(ctx, series),
    ...(await pccQuality(ctx, series)),
    await pumpAffinity(ctx, series),
    ...(await campusChillers(ctx, series)),
  ];
}
