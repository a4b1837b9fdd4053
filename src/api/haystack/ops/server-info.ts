import { HDict, HGrid, HMarker, HStr } from 'haystack-core';
import { haysimVersion } from '../../../version.js';
import { FORMATS } from '../grid-codec.js';
import { type HaystackOp, siteDateTime } from '../haystack-op.js';

export const aboutOp: HaystackOp = {
  name: 'about',
  summary: 'Summary information for server',
  run: async (_request, cx) =>
    HDict.make({
      haystackVersion: HStr.make('4.0'),
      tz: HStr.make(cx.tzName),
      serverName: HStr.make('haysim'),
      serverTime: siteDateTime(cx.clock(), cx),
      serverBootTime: siteDateTime(cx.bootTime, cx),
      productName: HStr.make('haysim'),
      productVersion: HStr.make(haysimVersion()),
      vendorName: HStr.make('haysim'),
      whoami: HStr.make(cx.who),
    }).toGrid(),
};

export const opsOp: HaystackOp = {
  name: 'ops',
  summary: 'Operations supported by this server',
  run: async (_request, cx) =>
    HGrid.make({ rows: cx.ops.map((op) => HDict.make({ name: HStr.make(op.name), summary: HStr.make(op.summary) })) }),
};

function formatsGrid(): HGrid {
  return HGrid.make({
    rows: FORMATS.map((f) => HDict.make({ mime: HStr.make(f.mime), ...(f.read ? { receive: HMarker.make() } : {}), send: HMarker.make() })),
  });
}

export const filetypesOp: HaystackOp = {
  name: 'filetypes',
  summary: 'Grid formats the server reads and writes',
  run: async () => formatsGrid(),
};

/** Haystack 3's name for filetypes, which nclient's formats() calls. */
export const formatsOp: HaystackOp = {
  name: 'formats',
  summary: 'Grid formats (Haystack 3 name of filetypes)',
  run: async () => formatsGrid(),
};
