import { HCoord } from 'haystack-core';
import { z } from 'zod';
import { markers, refTo } from '../model/haystack-tags.js';
import type { PointTemplate } from '../model/point-template.js';
import { idString } from '../profile/schema.js';
import { writeRow } from '../sim/physics/frame.js';
import { wetBulbF } from '../sim/relations/psychrometrics.js';
import { defineEquipmentType } from './equipment-type.js';

const weatherStationPoints: readonly PointTemplate[] = [
  { key: 'outsideTemp', dis: 'Outside Air Temp', markers: 'outside air temp sensor', kind: 'Number', unit: '°F', decimals: 1, noise: 0.1 },
  {
    key: 'outsideHumidity',
    dis: 'Outside Air Humidity',
    markers: 'outside air humidity sensor',
    kind: 'Number',
    unit: '%RH',
    decimals: 1,
    noise: 0.5,
  },
  {
    key: 'outsideDewPoint',
    dis: 'Outside Air Dew Point',
    markers: 'outside air dewPoint sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'outsideWetBulb',
    dis: 'Outside Air Wet Bulb',
    markers: 'outside air wetBulb sensor',
    kind: 'Number',
    unit: '°F',
    decimals: 1,
    noise: 0.1,
  },
  {
    key: 'solarIrradiance',
    dis: 'Global Horizontal Irradiance',
    markers: 'solar irradiance sensor',
    kind: 'Number',
    unit: 'W/m²',
    decimals: 0,
    relativeNoise: 0.02,
  },
];

/** `weather.station:` the site's weather station; it reports the simulated weather itself. */
export const weatherStation = defineEquipmentType({
  name: 'weatherStation',
  profile: { at: ['weather'], shape: { station: z.strictObject({ id: idString, dis: z.string() }) } },
  expand: ({ station }) => [{ id: station.id, dis: station.dis, config: {}, points: weatherStationPoints }],
  tags: (_node, { site: { site } }) => ({
    ...markers('weatherStation'),
    geoCoord: HCoord.make({ latitude: site.latitude, longitude: site.longitude }),
  }),
  pointRefTag: 'weatherStationRef',
  siteTags: (node) => ({ weatherStationRef: refTo(node) }),
  physics: ({ equips, rows }) => {
    const r = (key: string) => rows.one(equips[0], key);
    const row = {
      temp: r('outsideTemp'),
      rh: r('outsideHumidity'),
      dew: r('outsideDewPoint'),
      wetBulb: r('outsideWetBulb'),
      solar: r('solarIrradiance'),
    };
    return {
      step(frame, k) {
        const T = frame.timestamps.length;
        const wx = frame.weather;
        writeRow(frame.truth, row.temp, T, k, wx.dryBulbF[k]!);
        writeRow(frame.truth, row.rh, T, k, wx.relHumidity[k]!);
        writeRow(frame.truth, row.dew, T, k, wx.dewPointF[k]!);
        writeRow(frame.truth, row.wetBulb, T, k, wetBulbF(wx.dryBulbF[k]!, wx.relHumidity[k]!));
        writeRow(frame.truth, row.solar, T, k, wx.solarGlobal[k]!);
      },
    };
  },
});
