/**
 * The business and temporal rules of the dataset as dbt singular tests: each
 * selects the rows that break its rule, so `dbt test` passes when all return
 * nothing. Portable SQL over the staging views.
 */
import { AS_OF_DATE_SQL } from './dbt-project-yml.js';

export interface SingularTest {
  readonly name: string;
  readonly rule: string;
  readonly sql: string;
}

export const SINGULAR_TESTS: readonly SingularTest[] = [
  {
    name: 'assert_invoice_amounts_add_up',
    rule: "An invoice bills its call's labour, marked-up parts and installed equipment (0 for a call covered by warranty or contract), adds tax rounded to the cent, and its balance is what is unpaid.",
    sql: `
select i.invoice_id, i.subtotal, i.tax_amount, i.total_amount, i.balance_due
from {{ ref('stg_invoices') }} as i
join {{ ref('stg_service_calls') }} as c on c.service_call_id = i.service_call_id
where i.labor_amount <> case when c.billing_status = 'invoiced' then c.labor_cost else 0 end
   or i.parts_amount <> case when c.billing_status = 'invoiced' then round(c.parts_cost * (1 + i.parts_markup_pct / 100), 2) else 0 end
   or i.equipment_amount <> case when c.billing_status = 'invoiced' then c.equipment_cost else 0 end
   or i.subtotal <> i.labor_amount + i.parts_amount + i.equipment_amount
   or i.tax_amount <> round(i.subtotal * i.tax_rate, 2)
   or i.total_amount <> i.subtotal + i.tax_amount
   or i.balance_due <> i.total_amount - i.amount_paid
`,
  },
  {
    name: 'assert_invoice_paid_equals_payments',
    rule: "An invoice's amount_paid is the sum of its payments, which come from the invoice's customer.",
    sql: `
with paid as (
    select invoice_id, sum(amount) as paid, min(customer_id) as min_customer, max(customer_id) as max_customer
    from {{ ref('stg_payments') }}
    group by invoice_id
)

select i.invoice_id, i.amount_paid, p.paid
from {{ ref('stg_invoices') }} as i
left join paid as p on p.invoice_id = i.invoice_id
where i.amount_paid <> coalesce(p.paid, 0)
   or p.min_customer <> i.customer_id
   or p.max_customer <> i.customer_id
`,
  },
  {
    name: 'assert_covered_calls_not_charged',
    rule: "A call covered by warranty or contract gets a $0 no_charge invoice and no payments; a billed call's invoice is never no_charge.",
    sql: `
select i.invoice_id, c.billing_status, i.status, i.total_amount
from {{ ref('stg_invoices') }} as i
join {{ ref('stg_service_calls') }} as c on c.service_call_id = i.service_call_id
where (c.billing_status = 'invoiced' and i.status = 'no_charge')
   or (c.billing_status <> 'invoiced' and (i.status <> 'no_charge' or i.total_amount <> 0
       or exists (select 1 from {{ ref('stg_payments') }} as p where p.invoice_id = i.invoice_id)))
`,
  },
  {
    name: 'assert_labor_is_hours_times_rate',
    rule: "Billed hours are the visit's duration rounded up to the quarter hour, labour cost is those hours at the technician's rate, and the call's total is labour plus parts plus equipment.",
    sql: `
select c.service_call_id, c.duration_minutes, c.labor_hours, c.labor_cost, t.hourly_rate
from {{ ref('stg_service_calls') }} as c
join {{ ref('stg_technicians') }} as t on t.technician_id = c.technician_id
where c.labor_hours <> ceil(c.duration_minutes / 15.0) / 4
   or c.labor_cost <> round(c.labor_hours * t.hourly_rate, 2)
   or c.total_cost <> c.labor_cost + c.parts_cost + c.equipment_cost
`,
  },
  {
    name: 'assert_parts_cost_is_sum_of_usage',
    rule: "A call's parts_cost is the sum of its usage lines, each quantity × unit cost, used on the day of the call.",
    sql: `
with lines as (
    select
        service_call_id,
        sum(line_cost) as parts_cost,
        sum(case when line_cost <> round(quantity * unit_cost, 2) then 1 else 0 end) as bad_lines,
        min(usage_date) as first_used,
        max(usage_date) as last_used
    from {{ ref('stg_parts_usage') }}
    group by service_call_id
)

select c.service_call_id, c.parts_cost, l.parts_cost as usage_cost
from {{ ref('stg_service_calls') }} as c
left join lines as l on l.service_call_id = c.service_call_id
where c.parts_cost <> coalesce(l.parts_cost, 0)
   or l.bad_lines > 0
   or l.first_used < cast(c.requested_at as date)
   or l.last_used > cast(coalesce(c.completed_at, c.requested_at) as date)
`,
  },
  {
    name: 'assert_payments_after_invoices',
    rule: 'A payment is received on or after its invoice date and within var max_days_to_pay days of it.',
    sql: `
select p.payment_id, p.payment_date, i.invoice_date
from {{ ref('stg_payments') }} as p
join {{ ref('stg_invoices') }} as i on i.invoice_id = p.invoice_id
where p.payment_date < i.invoice_date
   or {{ dbt.datediff('i.invoice_date', 'p.payment_date', 'day') }} > {{ var('max_days_to_pay') }}
`,
  },
  {
    name: 'assert_invoices_follow_service',
    rule: 'An invoice is issued on or after the day its call completed, and is due on or after it is issued.',
    sql: `
select i.invoice_id, i.invoice_date, c.completed_at
from {{ ref('stg_invoices') }} as i
join {{ ref('stg_service_calls') }} as c on c.service_call_id = i.service_call_id
where c.completed_at is null
   or i.invoice_date < cast(c.completed_at as date)
   or i.due_date < i.invoice_date
`,
  },
  {
    name: 'assert_appointments_before_calls',
    rule: 'A historical appointment is booked no later than its scheduled window, which precedes the visit it served; future bookings lie after the as_of_date.',
    sql: `
select a.appointment_id, a.booked_at, a.scheduled_start, c.started_at
from {{ ref('stg_appointments') }} as a
left join {{ ref('stg_service_calls') }} as c on c.service_call_id = a.service_call_id
where a.booked_at > a.scheduled_start
   or a.scheduled_end < a.scheduled_start
   or (c.started_at is not null and a.scheduled_start > c.started_at)
   or (a.is_future_booking and a.scheduled_start <= ${AS_OF_DATE_SQL})
`,
  },
  {
    name: 'assert_warranty_after_install',
    rule: 'A warranty ends after the install date, warranty_months after it.',
    sql: `
select device_id, install_date, warranty_months, warranty_end_date
from {{ ref('stg_installed_devices') }}
where warranty_end_date <= install_date
   or warranty_end_date <> cast({{ dbt.dateadd('month', 'warranty_months', 'install_date') }} as date)
`,
  },
  {
    name: 'assert_customer_exists_before_activity',
    rule: 'Nothing happens for a customer before the account was opened: installs, contracts, service calls.',
    sql: `
select 'installed_devices' as activity, d.device_id as activity_id
from {{ ref('stg_installed_devices') }} as d
join {{ ref('stg_customers') }} as c on c.customer_id = d.customer_id
where d.install_date < cast(c.created_at as date)
union all
select 'subscriptions', s.subscription_id
from {{ ref('stg_subscriptions') }} as s
join {{ ref('stg_customers') }} as c on c.customer_id = s.customer_id
where s.start_date < cast(c.created_at as date)
union all
select 'service_calls', sc.service_call_id
from {{ ref('stg_service_calls') }} as sc
join {{ ref('stg_customers') }} as c on c.customer_id = sc.customer_id
where sc.requested_at < c.created_at
`,
  },
  {
    name: 'assert_emergencies_answered_fastest',
    rule: 'Emergency calls reach the customer faster on average than any other kind of call.',
    sql: `
select service_type, avg_minutes_to_arrival
from {{ ref('fct_response_times') }}
where service_type <> 'emergency'
  and avg_minutes_to_arrival <= (select avg_minutes_to_arrival from {{ ref('fct_response_times') }} where service_type = 'emergency')
`,
  },
  {
    name: 'assert_abc_class_follows_usage_value',
    rule: 'A part in a higher ABC class never has a lower annual usage value than a part in a lower class.',
    sql: `
with ranked as (
    select inventory_id, annual_usage_value, case abc_class when 'A' then 1 when 'B' then 2 else 3 end as class_rank
    from {{ ref('stg_inventory') }}
)

select higher.inventory_id, higher.annual_usage_value, lower_class.inventory_id as lower_class_inventory_id
from ranked as higher
join ranked as lower_class
    on higher.class_rank < lower_class.class_rank
   and higher.annual_usage_value < lower_class.annual_usage_value
`,
  },
];

export function singularTestSql(test: SingularTest): string {
  return `-- ${test.rule}\n-- Returns the rows that break it.\n${test.sql}`;
}
