import type { ColumnDef, ColumnType } from './table-def.js';

type Extra = Partial<Pick<ColumnDef, 'nullable' | 'unique' | 'precision'>>;

const column =
  (type: ColumnType) =>
  (name: string, description: string, extra: Extra = {}): ColumnDef => ({ name, type, description, ...extra });

export const integer = column('integer');
export const text = column('text');
export const date = column('date');
export const timestamp = column('timestamp');
export const boolean = column('boolean');
export const money = column('money');

export const numeric = (name: string, precision: readonly [number, number], description: string, extra: Extra = {}): ColumnDef => ({
  name,
  type: 'numeric',
  precision,
  description,
  ...extra,
});

export const primaryKey = (name: string, description: string): ColumnDef => ({ name, type: 'integer', unique: true, description });

export const foreignKey = (name: string, table: string, description: string, extra: Extra = {}): ColumnDef => ({
  name,
  type: 'integer',
  references: table,
  description,
  ...extra,
});

export const oneOf = (name: string, values: readonly string[], description: string, extra: Extra = {}): ColumnDef => ({
  name,
  type: 'text',
  values,
  description,
  ...extra,
});
