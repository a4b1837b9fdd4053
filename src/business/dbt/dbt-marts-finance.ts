// Money marts: revenue by month, customer lifetime value, receivables aging.
import { AS_OF_CTE } from './dbt-mart-model.js';
import type { MartModel } from './dbt-mart-model.js';
import { CUSTOMER_TYPES } from '../tables/vocabulary-codes.js';

const MONTH = `cast({{ dbt.date_trunc('month', 'invoice_date') }} as date)`;

const monthlyRevenue: MartModel = {
  name: 'fct_monthly_revenue',
  description:
    'Invoiced revenue per calendar month of the invoice date, split into labour, parts, installed equipment and tax, with what has been collected; $0 no-charge invoices add to the counts only.',
  sql: `
select
    ${MONTH} as revenue_month,
    count(*) as invoice_count,
    sum(case when status = 'no_charge' then 1 else 0 end) as no_charge_invoices,
    sum(labor_amount) as labor_revenue,
    sum(parts_amount) as parts_revenue,
    sum(equipment_amount) as equipment_revenue,
    sum(subtotal) as net_revenue,
    sum(tax_amount) as tax_collected,
    sum(total_amount) as total_revenue,
    sum(amount_paid) as amount_collected,
    sum(balance_due) as balance_outstanding
from {{ ref('stg_invoices') }}
group by ${MONTH}
`,
  columns: [
    { name: 'revenue_month', description: 'first day of the month', tests: ['unique', 'not_null'] },
    { name: 'invoice_count', description: 'invoices issued in the month' },
    {
      name: 'no_charge_invoices',
      description: 'of them, $0 invoices for work a warranty or contract covered (in the counts, not in the sums)',
    },
    { name: 'labor_revenue', description: 'sum of labor_amount' },
    { name: 'parts_revenue', description: 'sum of parts_amount (with markup)' },
    { name: 'equipment_revenue', description: 'sum of equipment_amount (units sold with installations)' },
    { name: 'net_revenue', description: 'sum of subtotal (before tax)' },
    { name: 'tax_collected', description: 'sum of tax_amount' },
    { name: 'total_revenue', description: 'sum of total_amount', tests: ['not_null'] },
    { name: 'amount_collected', description: 'sum of amount_paid' },
    { name: 'balance_outstanding', description: 'sum of balance_due' },
  ],
};

const customerLifetimeValue: MartModel = {
  name: 'dim_customer_lifetime_value',
  description:
    'Per customer: service history, invoiced and paid revenue, contract fees earned to the as_of_date, and lifetime value (payments received plus contract fees).',
  sql: `
with ${AS_OF_CTE},

invoiced as (
    select
        customer_id,
        count(*) as invoice_count,
        sum(total_amount) as invoiced_revenue,
        sum(amount_paid) as paid_revenue,
        min(invoice_date) as first_invoice_date,
        max(invoice_date) as last_invoice_date
    from {{ ref('stg_invoices') }}
    group by customer_id
),

calls as (
    select customer_id, count(*) as completed_calls
    from {{ ref('stg_service_calls') }}
    where is_completed
    group by customer_id
),

contracts as (
    select
        s.customer_id,
        sum(s.monthly_fee * cast({{ dbt.datediff('s.start_date', 'least(s.end_date, a.as_of_date)', 'month') }} as integer)) as contract_revenue
    from {{ ref('stg_subscriptions') }} as s
    cross join as_of as a
    where s.start_date <= a.as_of_date
    group by s.customer_id
)

select
    c.customer_id,
    c.customer_type,
    c.contact_name,
    c.company_name,
    cast(c.created_at as date) as customer_since,
    cast({{ dbt.datediff('c.created_at', 'a.as_of_date', 'day') }} as integer) as tenure_days,
    coalesce(k.completed_calls, 0) as completed_calls,
    coalesce(i.invoice_count, 0) as invoice_count,
    coalesce(i.invoiced_revenue, 0) as invoiced_revenue,
    coalesce(i.paid_revenue, 0) as paid_revenue,
    coalesce(s.contract_revenue, 0) as contract_revenue,
    coalesce(i.paid_revenue, 0) + coalesce(s.contract_revenue, 0) as lifetime_value,
    i.first_invoice_date,
    i.last_invoice_date
from {{ ref('stg_customers') }} as c
cross join as_of as a
left join invoiced as i on i.customer_id = c.customer_id
left join calls as k on k.customer_id = c.customer_id
left join contracts as s on s.customer_id = c.customer_id
`,
  columns: [
    {
      name: 'customer_id',
      description: 'customer key',
      tests: ['unique', 'not_null', { relationships: { arguments: { to: "ref('stg_customers')", field: 'customer_id' } } }],
    },
    {
      name: 'customer_type',
      description: 'residential or commercial',
      tests: [{ accepted_values: { arguments: { values: [...CUSTOMER_TYPES] } } }],
    },
    { name: 'tenure_days', description: 'days from account opening to the as_of_date', tests: ['not_null'] },
    { name: 'invoiced_revenue', description: 'sum of invoice totals (labour, parts, installed equipment and tax)' },
    { name: 'paid_revenue', description: 'sum of amounts paid on those invoices' },
    { name: 'contract_revenue', description: 'monthly fee × whole months of contract to the as_of_date' },
    { name: 'lifetime_value', description: 'paid_revenue + contract_revenue', tests: ['not_null'] },
  ],
};

const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'];

const receivablesAging: MartModel = {
  name: 'fct_ar_aging',
  description: 'Open receivables on the as_of_date by days past the due date (written-off invoices excluded).',
  sql: `
with ${AS_OF_CTE},

open_invoices as (
    select
        i.invoice_id,
        i.balance_due,
        {{ dbt.datediff('i.due_date', 'a.as_of_date', 'day') }} as days_past_due
    from {{ ref('stg_invoices') }} as i
    cross join as_of as a
    where i.has_open_balance and i.status <> 'written_off'
),

bucketed as (
    select
        case
            when days_past_due <= 0 then 'current'
            when days_past_due <= 30 then '1-30'
            when days_past_due <= 60 then '31-60'
            when days_past_due <= 90 then '61-90'
            else '90+'
        end as aging_bucket,
        balance_due
    from open_invoices
)

select aging_bucket, count(*) as open_invoices, sum(balance_due) as balance_due
from bucketed
group by aging_bucket
`,
  columns: [
    {
      name: 'aging_bucket',
      description: 'days past due',
      tests: ['unique', 'not_null', { accepted_values: { arguments: { values: AGING_BUCKETS } } }],
    },
    { name: 'open_invoices', description: 'invoices with a balance' },
    { name: 'balance_due', description: 'sum of their balances' },
  ],
};

export const martsFinance: readonly MartModel[] = [monthlyRevenue, customerLifetimeValue, receivablesAging];
