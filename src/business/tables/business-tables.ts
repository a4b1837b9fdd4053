import type { TableDef } from './table-def.js';
import { customers, equipmentTypes, installedDevices, inventory, parts, subscriptions, technicians, vehicleFleet } from './party-tables.js';
import {
  appointments,
  customerFeedback,
  incidentResponse,
  invoices,
  leads,
  mailingList,
  partsUsage,
  payments,
  quotes,
  serviceCalls,
  workOrders,
} from './activity-tables.js';

/** The 19 tables in an order where every foreign key points at an earlier table (load order). */
export const BUSINESS_TABLES: readonly TableDef[] = [
  technicians,
  equipmentTypes,
  parts,
  customers,
  installedDevices,
  subscriptions,
  vehicleFleet,
  inventory,
  leads,
  mailingList,
  quotes,
  serviceCalls,
  appointments,
  workOrders,
  partsUsage,
  incidentResponse,
  invoices,
  payments,
  customerFeedback,
];

export const TABLE_NAMES: readonly string[] = BUSINESS_TABLES.map((t) => t.name);
