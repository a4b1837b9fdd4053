// Category codes shared by the table definitions (accepted values) and the generators.
export const CUSTOMER_TYPES = ['residential', 'commercial'] as const;
export const SKILL_LEVELS = ['junior', 'senior', 'lead', 'specialist'] as const;
/** the 7 skill categories a technician can hold */
export const SKILL_CATEGORIES = [
  'hvac_installation',
  'electrical',
  'refrigeration',
  'heating',
  'ventilation',
  'controls',
  'ductwork',
] as const;
export const CERTIFICATION_LEVELS = ['EPA 608 Type I', 'EPA 608 Type II', 'EPA 608 Universal', 'NATE Certified', 'NATE Senior'] as const;
export const EQUIPMENT_CATEGORIES = [
  'central_ac',
  'heat_pump',
  'furnace',
  'boiler',
  'ductless_mini_split',
  'packaged_rooftop_unit',
  'air_handler',
  'chiller',
  'vav_terminal',
  'cooling_tower',
] as const;
export const FUEL_TYPES = ['electric', 'natural_gas', 'propane', 'oil'] as const;
export const EFFICIENCY_METRICS = ['SEER2', 'HSPF2', 'AFUE', 'IEER', 'kW/ton'] as const;
export const MARKETS = ['residential', 'commercial'] as const;
export const PART_CATEGORIES = [
  'filter',
  'compressor',
  'coil',
  'fan_motor',
  'capacitor',
  'contactor',
  'thermostat',
  'refrigerant',
  'igniter',
  'control_board',
  'valve',
  'belt',
  'sensor',
  'blower_wheel',
] as const;
export const UNITS_OF_MEASURE = ['each', 'lb', 'box'] as const;
export const DEVICE_STATUSES = ['active', 'needs_service', 'inactive', 'replaced'] as const;
export const SUBSCRIPTION_PLANS = ['basic', 'premium', 'comprehensive', 'commercial'] as const;
export const SERVICE_SCHEDULES = ['annual', 'semi_annual', 'quarterly', 'monthly'] as const;
export const SUBSCRIPTION_STATUSES = ['active', 'expired', 'cancelled'] as const;
export const VEHICLE_TYPES = ['service_van', 'pickup_truck', 'box_truck'] as const;
export const VEHICLE_STATUSES = ['in_service', 'maintenance', 'out_of_service'] as const;
export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export const LEAD_SOURCES = ['website', 'referral', 'google_ads', 'home_show', 'door_hanger', 'yelp', 'facebook'] as const;
export const LEAD_INTERESTS = ['new_install', 'replacement', 'maintenance_plan', 'repair', 'commercial_contract'] as const;
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'quoted', 'won', 'lost'] as const;
export const CONTACT_TYPES = ['customer', 'prospect'] as const;
export const CONTACT_CHANNELS = ['email', 'sms', 'phone', 'mail'] as const;
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const;
export const FOLLOW_UP_STATUSES = ['none', 'scheduled', 'contacted', 'closed'] as const;
export const SERVICE_TYPES = ['maintenance', 'repair', 'installation', 'emergency', 'inspection'] as const;
export const CALL_STATUSES = ['completed', 'cancelled'] as const;
/** how a call was paid for: an invoice, or covered (warranty, service contract), or not at all (cancelled) */
export const BILLING_STATUSES = ['invoiced', 'warranty', 'contract', 'cancelled'] as const;
export const APPOINTMENT_TYPES = ['maintenance', 'repair', 'installation', 'inspection'] as const;
export const APPOINTMENT_STATUSES = ['completed', 'cancelled', 'scheduled', 'confirmed'] as const;
export const WORK_ORDER_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const WORK_ORDER_STATUSES = ['completed', 'cancelled'] as const;
export const INCIDENT_TYPES = [
  'no_heat',
  'no_cooling',
  'gas_leak',
  'carbon_monoxide_alarm',
  'system_failure',
  'water_leak',
  'electrical_burning_smell',
  'refrigerant_leak',
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const INCIDENT_RESOLUTIONS = ['resolved', 'temporary_fix', 'referred'] as const;
export const PAYMENT_TERMS = ['due_on_receipt', 'net_15', 'net_30'] as const;
/** no_charge: a $0 invoice documenting work a warranty or service contract covers */
export const INVOICE_STATUSES = ['paid', 'partially_paid', 'unpaid', 'overdue', 'written_off', 'no_charge'] as const;
export const PAYMENT_METHODS = ['credit_card', 'ach', 'check', 'cash', 'financing'] as const;
export const FEEDBACK_FOLLOW_UPS = ['not_needed', 'pending', 'contacted', 'resolved'] as const;
