// What the campus plot scripts draw around each panel's curves.
import type { SKRSContext2D } from '@napi-rs/canvas';

/** A panel's border, its key top left, and its scale's ends (`lo`, `hi` at `y` of each) on the left axis. */
export function panelFrame(
  ctx: SKRSContext2D,
  key: string,
  box: { left: number; top: number; width: number; height: number },
  lo: number,
  hi: number,
  y: (v: number) => number,
): void {
  ctx.strokeStyle = '#555';
  ctx.strokeRect(box.left, box.top, box.width, box.height);
  ctx.fillStyle = '#222';
  ctx.font = '12px sans-serif';
  ctx.fillText(key, box.left + 6, box.top + 14);
  ctx.textAlign = 'right';
  ctx.fillText(hi.toPrecision(4), box.left - 4, y(hi) + 4);
  ctx.fillText(lo.toPrecision(4), box.left - 4, y(lo) + 4);
  ctx.textAlign = 'left';
}
