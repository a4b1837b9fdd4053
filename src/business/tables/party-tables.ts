// Who the business deals with and what they own: customers, staff, catalogues, devices, contracts, fleet.
import type { TableDef } from './table-def.js';
import { boolean, date, foreignKey, integer, money, numeric, oneOf, primaryKey, text, timestamp } from './column-builders.js';
import * as v from './vocabulary-codes.js';

export const customers: TableDef = {
  name: 'customers',
  description: 'Residential and commercial clients.',
  defaultRows: 500,
  primaryKey: 'customer_id',
  columns: [
    primaryKey('customer_id', 'customer key'),
    oneOf('customer_type', v.CUSTOMER_TYPES, 'residential or commercial'),
    text('company_name', 'business name (commercial customers)', { nullable: true }),
    text('first_name', 'contact first name'),
    text('last_name', 'contact last name'),
    text('email', 'contact email', { unique: true }),
    text('phone', 'contact phone'),
    text('street_address', 'service address'),
    text('city', 'city'),
    text('state', 'two-letter state code'),
    text('postal_code', 'ZIP code'),
    timestamp('created_at', 'when the customer account was opened'),
    oneOf('acquisition_channel', v.LEAD_SOURCES, 'how the customer found the company'),
    boolean('is_active', 'false once the customer has left'),
    text('haystack_site_ref', 'Haystack id of the simulated site this customer is (building link only)', { nullable: true }),
  ],
};

export const technicians: TableDef = {
  name: 'technicians',
  description: 'Field service staff.',
  defaultRows: 15,
  primaryKey: 'technician_id',
  columns: [
    primaryKey('technician_id', 'technician key'),
    text('first_name', 'first name'),
    text('last_name', 'last name'),
    text('email', 'work email', { unique: true }),
    text('phone', 'work phone'),
    date('hire_date', 'first day at the company'),
    oneOf('skill_level', v.SKILL_LEVELS, 'seniority band'),
    oneOf('primary_skill', v.SKILL_CATEGORIES, 'main skill category'),
    text('skills', 'all skill categories held, separated by |, the primary one first'),
    money('hourly_rate', 'billed labour rate, USD per hour'),
    integer('years_experience', 'years in the trade'),
    oneOf('certification_level', v.CERTIFICATION_LEVELS, 'highest certification held'),
    boolean('is_active', 'currently employed'),
  ],
};

export const equipmentTypes: TableDef = {
  name: 'equipment_types',
  description: 'Catalogue of HVAC units from real brands.',
  defaultRows: 50,
  primaryKey: 'equipment_type_id',
  columns: [
    primaryKey('equipment_type_id', 'equipment type key'),
    text('brand', 'manufacturer brand'),
    text('model_number', 'manufacturer model number', { unique: true }),
    oneOf('category', v.EQUIPMENT_CATEGORIES, 'kind of unit'),
    oneOf('fuel_type', v.FUEL_TYPES, 'energy source'),
    integer('capacity_btuh', 'nominal capacity, Btu/h'),
    oneOf(
      'efficiency_metric',
      v.EFFICIENCY_METRICS,
      'the rating scheme of efficiency_rating (null: the unit has no efficiency rating of its own, e.g. an air handler)',
      { nullable: true },
    ),
    numeric('efficiency_rating', [6, 2], 'rated efficiency in efficiency_metric', { nullable: true }),
    oneOf('market', v.MARKETS, 'residential or commercial product line'),
    money(
      'list_price',
      'equipment list price (the unit only), USD: what an installation charges for the unit, e.g. $2.5–9 k for a residential AC, heat pump or furnace, $10–60 k for a commercial rooftop unit',
    ),
    integer('standard_warranty_years', "manufacturer's parts warranty"),
    integer('expected_life_years', 'typical service life'),
  ],
};

export const parts: TableDef = {
  name: 'parts',
  description: 'Replacement parts and consumables.',
  defaultRows: 200,
  primaryKey: 'part_id',
  columns: [
    primaryKey('part_id', 'part key'),
    text('part_number', 'supplier part number', { unique: true }),
    text('part_name', 'description'),
    oneOf('category', v.PART_CATEGORIES, 'part category'),
    oneOf('unit_of_measure', v.UNITS_OF_MEASURE, 'unit that quantities count'),
    money('unit_cost', 'purchase cost per unit, USD'),
    text('supplier', 'distributor'),
    integer('lead_time_days', 'days from order to delivery'),
  ],
};

export const installedDevices: TableDef = {
  name: 'installed_devices',
  description: "Units installed at customers' sites.",
  defaultRows: 800,
  primaryKey: 'device_id',
  columns: [
    primaryKey('device_id', 'device key'),
    foreignKey('customer_id', 'customers', 'owner'),
    foreignKey('equipment_type_id', 'equipment_types', 'what the unit is'),
    text('serial_number', 'manufacturer serial number', { unique: true }),
    date('install_date', 'commissioning date (on or after the customer was created)'),
    integer('warranty_months', 'warranty length'),
    date('warranty_end_date', 'install_date + warranty_months'),
    oneOf('status', v.DEVICE_STATUSES, 'condition as of the dataset date'),
    text('install_location', 'where on site the unit stands'),
    date('last_service_date', 'most recent completed service call', { nullable: true }),
    integer('service_count', 'completed service calls on this unit'),
    text('haystack_equip_ref', 'Haystack id of the simulated equipment this device is (building link only)', { nullable: true }),
  ],
};

export const subscriptions: TableDef = {
  name: 'subscriptions',
  description: 'Service contracts (maintenance plans).',
  defaultRows: 250,
  primaryKey: 'subscription_id',
  columns: [
    primaryKey('subscription_id', 'contract key'),
    foreignKey('customer_id', 'customers', 'contract holder'),
    oneOf('plan', v.SUBSCRIPTION_PLANS, 'plan tier'),
    date('start_date', 'first day covered (on or after the customer was created)'),
    date('end_date', 'last day of the current term'),
    money('monthly_fee', 'USD per month'),
    boolean('auto_renew', 'renews at end_date unless cancelled'),
    integer('visits_per_year', 'included maintenance visits'),
    oneOf('service_schedule', v.SERVICE_SCHEDULES, 'visit cadence'),
    oneOf('status', v.SUBSCRIPTION_STATUSES, 'state as of the dataset date'),
  ],
};

export const vehicleFleet: TableDef = {
  name: 'vehicle_fleet',
  description: 'Company vehicles with telematics.',
  defaultRows: 20,
  primaryKey: 'vehicle_id',
  columns: [
    primaryKey('vehicle_id', 'vehicle key'),
    foreignKey('technician_id', 'technicians', 'assigned technician (null: pool vehicle)', { nullable: true }),
    text('make', 'manufacturer'),
    text('model', 'model'),
    integer('model_year', 'model year'),
    text('vin', 'vehicle identification number', { unique: true }),
    text('license_plate', 'plate'),
    oneOf('vehicle_type', v.VEHICLE_TYPES, 'body type'),
    integer('odometer_miles', 'odometer as of the dataset date'),
    integer('maintenance_interval_miles', 'miles between scheduled services'),
    date('last_maintenance_date', 'last scheduled service'),
    date('next_maintenance_date', 'next scheduled service'),
    text('gps_device_id', 'telematics unit id', { unique: true }),
    text('telematics_provider', 'telematics vendor'),
    numeric('last_latitude', [9, 6], 'last GPS fix, degrees'),
    numeric('last_longitude', [9, 6], 'last GPS fix, degrees'),
    timestamp('last_ping_at', 'time of the last GPS fix'),
    oneOf('status', v.VEHICLE_STATUSES, 'availability'),
  ],
};

export const inventory: TableDef = {
  name: 'inventory',
  description: 'Stock per part.',
  defaultRows: 200,
  primaryKey: 'inventory_id',
  columns: [
    primaryKey('inventory_id', 'stock record key'),
    foreignKey('part_id', 'parts', 'the part stocked', { unique: true }),
    text('warehouse_location', 'aisle-rack-bin'),
    integer('quantity_on_hand', 'units in stock'),
    integer('reorder_point', 'reorder when on hand falls to this'),
    integer('reorder_quantity', 'units per replenishment order'),
    integer('annual_usage_units', 'units used in the last 12 months (from parts_usage)'),
    money('annual_usage_value', 'annual_usage_units × unit cost'),
    oneOf('abc_class', v.ABC_CLASSES, 'A: top ~80 % of usage value, B: next ~15 %, C: the rest'),
    date('last_restock_date', 'last replenishment received', { nullable: true }),
  ],
};
