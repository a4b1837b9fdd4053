import { queryCommand } from '../../query-command.js';

export const queryEquipmentCommand = queryCommand({
  name: 'equipment',
  summary: 'list equipment (optionally of a type or id prefix), or the columns of one',
  args: ['[equip]'],
  configure: (c) => c.option('--type <type>', 'a Haystack equip type (chiller, ahu) or an id prefix (lt_mcc)'),
  query: (q, [equip], o) => (equip === undefined ? q.equipment(o.type === undefined ? {} : { type: String(o.type) }) : q.columns(equip)),
});
