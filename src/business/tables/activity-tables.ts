// What happens: sales pipeline, marketing, service work and the money that follows it.
import type { TableDef } from './table-def.js';
import { boolean, date, foreignKey, integer, money, numeric, oneOf, primaryKey, text, timestamp } from './column-builders.js';
import * as v from './vocabulary-codes.js';

export const leads: TableDef = {
  name: 'leads',
  description: 'Sales pipeline.',
  defaultRows: 600,
  primaryKey: 'lead_id',
  columns: [
    primaryKey('lead_id', 'lead key'),
    text('first_name', 'first name'),
    text('last_name', 'last name'),
    text('company_name', 'business name (commercial leads)', { nullable: true }),
    text('email', 'email'),
    text('phone', 'phone'),
    oneOf('source', v.LEAD_SOURCES, 'marketing channel'),
    oneOf('interest', v.LEAD_INTERESTS, 'what the lead asked about'),
    timestamp('created_at', 'first contact'),
    oneOf('status', v.LEAD_STATUSES, 'pipeline stage as of the dataset date'),
    numeric('probability_score', [4, 2], 'modelled chance of winning, 0–1'),
    money('estimated_value', 'expected first-year revenue, USD'),
    foreignKey('converted_customer_id', 'customers', 'the customer a won lead became', { nullable: true, unique: true }),
    timestamp('converted_at', 'when a won lead became a customer', { nullable: true }),
  ],
};

export const mailingList: TableDef = {
  name: 'mailing_list',
  description: 'Marketing contacts: existing customers and prospects.',
  defaultRows: 800,
  primaryKey: 'contact_id',
  columns: [
    primaryKey('contact_id', 'contact key'),
    text('email', 'email', { unique: true }),
    text('first_name', 'first name'),
    text('last_name', 'last name'),
    oneOf('contact_type', v.CONTACT_TYPES, 'customer or prospect'),
    foreignKey('customer_id', 'customers', 'set for customers', { nullable: true }),
    foreignKey('lead_id', 'leads', 'set for prospects that came in as leads', { nullable: true }),
    timestamp('subscribed_at', 'opt-in time'),
    boolean('is_subscribed', 'still opted in'),
    timestamp('unsubscribed_at', 'opt-out time', { nullable: true }),
    oneOf('preferred_channel', v.CONTACT_CHANNELS, 'contact preference'),
    boolean('newsletter', 'receives the newsletter'),
    boolean('promotions', 'receives offers'),
    boolean('maintenance_reminders', 'receives tune-up reminders'),
    text('interests', 'topics of interest separated by |'),
  ],
};

export const quotes: TableDef = {
  name: 'quotes',
  description: 'Estimates for installs, replacements and repairs.',
  defaultRows: 680,
  primaryKey: 'quote_id',
  columns: [
    primaryKey('quote_id', 'quote key'),
    text('quote_number', 'printed number', { unique: true }),
    foreignKey('customer_id', 'customers', 'quoted customer (null: a lead not yet a customer)', { nullable: true }),
    foreignKey('lead_id', 'leads', 'quoted lead', { nullable: true }),
    foreignKey('technician_id', 'technicians', 'estimator'),
    foreignKey('equipment_type_id', 'equipment_types', 'proposed unit (null: repair quote)', { nullable: true }),
    date('quote_date', 'issued'),
    date('valid_until', 'expiry'),
    money('labor_cost', 'quoted labour, USD'),
    money('equipment_cost', 'quoted equipment and materials, USD'),
    money('total_amount', 'labor_cost + equipment_cost'),
    oneOf('status', v.QUOTE_STATUSES, 'outcome'),
    oneOf('follow_up_status', v.FOLLOW_UP_STATUSES, 'sales follow-up'),
    date('follow_up_date', 'next or last follow-up', { nullable: true }),
  ],
};

export const serviceCalls: TableDef = {
  name: 'service_calls',
  description: 'Work requests and the visit that handled them.',
  defaultRows: 2000,
  primaryKey: 'service_call_id',
  columns: [
    primaryKey('service_call_id', 'call key'),
    foreignKey('customer_id', 'customers', 'requesting customer'),
    foreignKey('device_id', 'installed_devices', "the customer's unit serviced"),
    foreignKey('technician_id', 'technicians', 'assigned technician'),
    foreignKey('subscription_id', 'subscriptions', 'contract in force at the call, if any', { nullable: true }),
    oneOf('service_type', v.SERVICE_TYPES, 'kind of work'),
    oneOf('status', v.CALL_STATUSES, 'outcome'),
    timestamp('requested_at', 'when the customer called'),
    timestamp('started_at', 'technician on site (null: cancelled)', { nullable: true }),
    timestamp('completed_at', 'work finished (null: cancelled)', { nullable: true }),
    integer('duration_minutes', 'completed_at − started_at (0: cancelled)'),
    numeric('labor_hours', [5, 2], 'billed hours: duration rounded up to the quarter hour'),
    money('labor_cost', "labor_hours × the technician's hourly_rate"),
    money('parts_cost', 'sum of parts_usage.line_cost'),
    money(
      'equipment_cost',
      "the installed unit's price (its equipment type's list_price) for an installation that installed a device, 0 otherwise",
    ),
    money('total_cost', 'labor_cost + parts_cost + equipment_cost'),
    oneOf(
      'billing_status',
      v.BILLING_STATUSES,
      'invoiced (a priced invoice), covered by warranty or contract (a $0 invoice, or none for most routine contract visits), or cancelled',
    ),
    text('problem_description', 'what the customer reported'),
    text('sim_event_ref', 'id of the simulated fault event behind this call (building link only)', { nullable: true }),
  ],
};

export const appointments: TableDef = {
  name: 'appointments',
  description: 'Scheduled visits: historical ones tied to service calls, future bookings for the pipeline.',
  defaultRows: 2000,
  primaryKey: 'appointment_id',
  columns: [
    primaryKey('appointment_id', 'appointment key'),
    foreignKey('service_call_id', 'service_calls', 'the call this visit served (null: a future booking)', { nullable: true, unique: true }),
    foreignKey('customer_id', 'customers', 'customer'),
    foreignKey('device_id', 'installed_devices', 'unit to be serviced', { nullable: true }),
    foreignKey('technician_id', 'technicians', 'assigned technician'),
    oneOf('appointment_type', v.APPOINTMENT_TYPES, 'kind of visit'),
    timestamp('booked_at', 'when the slot was booked'),
    timestamp('scheduled_start', 'window start'),
    timestamp('scheduled_end', 'window end'),
    oneOf('status', v.APPOINTMENT_STATUSES, 'completed/cancelled (history) or scheduled/confirmed (future)'),
  ],
};

export const workOrders: TableDef = {
  name: 'work_orders',
  description: 'Instructions and completion record per service call.',
  defaultRows: 2000,
  primaryKey: 'work_order_id',
  columns: [
    primaryKey('work_order_id', 'work order key'),
    text('work_order_number', 'printed number', { unique: true }),
    foreignKey('service_call_id', 'service_calls', 'the call', { unique: true }),
    foreignKey('technician_id', 'technicians', 'technician responsible'),
    oneOf('priority', v.WORK_ORDER_PRIORITIES, 'dispatch priority'),
    timestamp('created_at', 'issued (at or after the request)'),
    text('instructions', 'what to do'),
    text('safety_requirements', 'PPE and procedures'),
    boolean('permit_required', 'a permit is needed (installations, gas work)'),
    oneOf('status', v.WORK_ORDER_STATUSES, 'outcome'),
    timestamp('completed_at', 'closed', { nullable: true }),
    text('completion_notes', "technician's notes", { nullable: true }),
    boolean('customer_signoff', 'customer signed the completed work'),
  ],
};

export const partsUsage: TableDef = {
  name: 'parts_usage',
  description: 'Parts consumed per service call.',
  defaultRows: 3990,
  primaryKey: 'usage_id',
  columns: [
    primaryKey('usage_id', 'usage line key'),
    foreignKey('service_call_id', 'service_calls', 'the call'),
    foreignKey('part_id', 'parts', 'the part'),
    numeric('quantity', [8, 2], 'units used (lb for refrigerant)'),
    money('unit_cost', 'cost per unit at the time'),
    money('line_cost', 'quantity × unit_cost'),
    date('usage_date', 'date of the call'),
  ],
};

export const incidentResponse: TableDef = {
  name: 'incident_response',
  description: 'Emergencies and how fast they were handled.',
  defaultRows: 150,
  primaryKey: 'incident_id',
  columns: [
    primaryKey('incident_id', 'incident key'),
    foreignKey('service_call_id', 'service_calls', 'the emergency call', { unique: true }),
    oneOf('incident_type', v.INCIDENT_TYPES, 'what went wrong'),
    oneOf('severity', v.SEVERITIES, 'severity'),
    timestamp('reported_at', "the call's requested_at"),
    timestamp('dispatched_at', 'technician sent'),
    timestamp('arrived_at', "technician on site (the call's started_at)"),
    integer('response_time_minutes', 'arrived_at − reported_at'),
    timestamp('resolved_at', "the call's completed_at"),
    oneOf('resolution', v.INCIDENT_RESOLUTIONS, 'outcome'),
    text('resolution_notes', 'what was done'),
    boolean('after_hours', 'reported outside 08:00–17:00 on a weekday'),
  ],
};

export const invoices: TableDef = {
  name: 'invoices',
  description:
    'Bills for completed service calls: priced for calls billed as invoiced, $0 no-charge ones documenting work a warranty or contract covers.',
  defaultRows: 1700,
  primaryKey: 'invoice_id',
  columns: [
    primaryKey('invoice_id', 'invoice key'),
    text('invoice_number', 'printed number', { unique: true }),
    foreignKey('service_call_id', 'service_calls', 'the call billed', { unique: true }),
    foreignKey('customer_id', 'customers', 'billed customer'),
    date('invoice_date', 'issued (on or after the call completed)'),
    date('due_date', 'invoice_date + payment terms'),
    oneOf('payment_terms', v.PAYMENT_TERMS, 'terms'),
    money('labor_amount', "the call's labor_cost when its billing_status is invoiced, 0 when covered (warranty, contract)"),
    numeric('parts_markup_pct', [5, 2], 'markup on parts cost, percent (0 when covered)'),
    money('parts_amount', "the call's parts_cost × (1 + markup) when its billing_status is invoiced, 0 when covered"),
    money(
      'equipment_amount',
      "the call's equipment_cost (the installed unit, at list price, no markup) when its billing_status is invoiced, 0 when covered",
    ),
    money('subtotal', 'labor_amount + parts_amount + equipment_amount'),
    numeric('tax_rate', [6, 4], 'sales tax rate'),
    money('tax_amount', 'subtotal × tax_rate, rounded to the cent'),
    money('total_amount', 'subtotal + tax_amount'),
    money('amount_paid', 'sum of payments'),
    money('balance_due', 'total_amount − amount_paid'),
    oneOf('status', v.INVOICE_STATUSES, 'collection state as of the dataset date; no_charge for a covered call (total 0, no payments)'),
  ],
};

export const payments: TableDef = {
  name: 'payments',
  description: 'Money received against invoices.',
  defaultRows: 655,
  primaryKey: 'payment_id',
  columns: [
    primaryKey('payment_id', 'payment key'),
    foreignKey('invoice_id', 'invoices', 'the invoice paid'),
    foreignKey('customer_id', 'customers', "the invoice's customer"),
    date('payment_date', 'received (on or after the invoice date)'),
    money('amount', 'amount received'),
    oneOf('payment_method', v.PAYMENT_METHODS, 'method'),
    text('transaction_id', 'processor or bank reference', { unique: true }),
    money('processing_fee', "processor's fee (0 for check and cash)"),
    boolean('is_partial', 'less than the balance at the time'),
  ],
};

export const customerFeedback: TableDef = {
  name: 'customer_feedback',
  description: 'Post-service surveys, 1–10 scale.',
  defaultRows: 800,
  primaryKey: 'feedback_id',
  columns: [
    primaryKey('feedback_id', 'survey key'),
    foreignKey('service_call_id', 'service_calls', 'the completed call surveyed', { unique: true }),
    foreignKey('customer_id', 'customers', 'respondent'),
    foreignKey('technician_id', 'technicians', 'technician rated'),
    timestamp('submitted_at', 'after the call completed'),
    integer('overall_rating', '1–10'),
    integer('technician_rating', '1–10'),
    integer('timeliness_rating', '1–10'),
    integer('value_rating', '1–10'),
    integer('likelihood_to_recommend', '1–10'),
    text('comments', 'free text', { nullable: true }),
    boolean('follow_up_required', 'a low score or a complaint'),
    oneOf('follow_up_status', v.FEEDBACK_FOLLOW_UPS, 'state of the follow-up'),
  ],
};
