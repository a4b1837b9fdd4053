// Field-operations marts: technician utilisation, first-time fix, equipment failures, response times.
import { EQUIPMENT_CATEGORIES, SERVICE_TYPES, SEVERITIES } from '../tables/vocabulary-codes.js';
import { AS_OF_CTE } from './dbt-mart-model.js';
import type { MartModel } from './dbt-mart-model.js';

const RATE = (numerator: string, denominator: string) => `round(cast(${numerator} as numeric(18,6)) / nullif(${denominator}, 0), 4)`;
const MONTH = `cast({{ dbt.date_trunc('month', 'started_at') }} as date)`;

const technicianUtilization: MartModel = {
  name: 'fct_technician_utilization',
  description:
    'Per technician and month: completed calls, billed hours against the available hours (var available_hours_per_month), labour revenue.',
  sql: `
with completed_work as (
    select technician_id, ${MONTH} as work_month, labor_hours, labor_cost
    from {{ ref('stg_service_calls') }}
    where is_completed
)

select
    t.technician_id,
    t.technician_name,
    t.skill_level,
    w.work_month,
    count(*) as completed_calls,
    sum(w.labor_hours) as billed_hours,
    {{ var('available_hours_per_month') }} as available_hours,
    ${RATE('sum(w.labor_hours)', `{{ var('available_hours_per_month') }}`)} as utilization_rate,
    sum(w.labor_cost) as labor_revenue
from completed_work as w
join {{ ref('stg_technicians') }} as t on t.technician_id = w.technician_id
group by t.technician_id, t.technician_name, t.skill_level, w.work_month
`,
  columns: [
    {
      name: 'technician_id',
      description: 'technician key',
      tests: ['not_null', { relationships: { arguments: { to: "ref('stg_technicians')", field: 'technician_id' } } }],
    },
    { name: 'work_month', description: 'first day of the month the work started', tests: ['not_null'] },
    { name: 'billed_hours', description: 'sum of labor_hours' },
    { name: 'utilization_rate', description: 'billed_hours / available_hours', tests: ['not_null'] },
  ],
};

const firstTimeFix: MartModel = {
  name: 'fct_first_time_fix_rate',
  description:
    'Per technician: completed repair calls (repair or emergency) and the share not followed by another repair call on the same device within var first_time_fix_window_days days.',
  sql: `
with calls as (
    select * from {{ ref('stg_service_calls') }}
),

repairs as (
    select service_call_id, device_id, technician_id, completed_at
    from calls
    where is_completed and is_break_fix
),

repeat_visits as (
    select distinct r.service_call_id
    from repairs as r
    join calls as later
        on later.device_id = r.device_id
        and later.is_break_fix
        and later.requested_at > r.completed_at
        and {{ dbt.datediff('r.completed_at', 'later.requested_at', 'day') }} <= {{ var('first_time_fix_window_days') }}
)

select
    r.technician_id,
    count(*) as repair_calls,
    count(*) - count(v.service_call_id) as fixed_first_time,
    ${RATE('count(*) - count(v.service_call_id)', 'count(*)')} as first_time_fix_rate
from repairs as r
left join repeat_visits as v on v.service_call_id = r.service_call_id
group by r.technician_id
`,
  columns: [
    {
      name: 'technician_id',
      description: 'technician key',
      tests: ['unique', 'not_null', { relationships: { arguments: { to: "ref('stg_technicians')", field: 'technician_id' } } }],
    },
    { name: 'repair_calls', description: 'completed repair and emergency calls' },
    { name: 'fixed_first_time', description: 'those with no repair call on the device within the window' },
    { name: 'first_time_fix_rate', description: 'fixed_first_time / repair_calls', tests: ['not_null'] },
  ],
};

const equipmentFailureRate: MartModel = {
  name: 'fct_equipment_failure_rate',
  description:
    'Per equipment category and brand: installed devices, repair calls (repair or emergency), failures per device-year in service to the as_of_date.',
  sql: `
with ${AS_OF_CTE},

devices as (
    select
        d.device_id,
        e.category,
        e.brand,
        {{ dbt.datediff('d.install_date', 'a.as_of_date', 'day') }} as days_in_service
    from {{ ref('stg_installed_devices') }} as d
    join {{ ref('stg_equipment_types') }} as e on e.equipment_type_id = d.equipment_type_id
    cross join as_of as a
),

failures as (
    select device_id, count(*) as failure_calls
    from {{ ref('stg_service_calls') }}
    where is_break_fix
    group by device_id
)

select
    d.category,
    d.brand,
    count(*) as installed_devices,
    count(f.device_id) as devices_with_failures,
    coalesce(sum(f.failure_calls), 0) as failure_calls,
    round(cast(sum(d.days_in_service) as numeric(18,4)) / 365.25, 2) as device_years,
    ${RATE('coalesce(sum(f.failure_calls), 0) * 365.25', 'sum(d.days_in_service)')} as failures_per_device_year
from devices as d
left join failures as f on f.device_id = d.device_id
group by d.category, d.brand
`,
  columns: [
    {
      name: 'category',
      description: 'kind of unit',
      tests: ['not_null', { accepted_values: { arguments: { values: [...EQUIPMENT_CATEGORIES] } } }],
    },
    { name: 'brand', description: 'manufacturer', tests: ['not_null'] },
    { name: 'installed_devices', description: 'devices of this category and brand' },
    { name: 'failure_calls', description: 'repair and emergency calls on them' },
    { name: 'failures_per_device_year', description: 'failure_calls per 365.25 days in service' },
  ],
};

const responseTimes: MartModel = {
  name: 'fct_response_times',
  description: 'Per service type: completed calls and the time from request to technician on site (emergencies should be fastest).',
  sql: `
select
    service_type,
    count(*) as completed_calls,
    round(cast(avg({{ dbt.datediff('requested_at', 'started_at', 'minute') }}) as numeric(18,4)), 1) as avg_minutes_to_arrival,
    cast(min({{ dbt.datediff('requested_at', 'started_at', 'minute') }}) as integer) as min_minutes_to_arrival,
    cast(max({{ dbt.datediff('requested_at', 'started_at', 'minute') }}) as integer) as max_minutes_to_arrival
from {{ ref('stg_service_calls') }}
where is_completed
group by service_type
`,
  columns: [
    {
      name: 'service_type',
      description: 'kind of work',
      tests: ['unique', 'not_null', { accepted_values: { arguments: { values: [...SERVICE_TYPES] } } }],
    },
    { name: 'avg_minutes_to_arrival', description: 'mean minutes from requested_at to started_at', tests: ['not_null'] },
  ],
};

const incidentSla: MartModel = {
  name: 'fct_incident_response_sla',
  description:
    'Emergencies by severity: count, response times, and the share answered within the SLA target (critical 60, high 120, medium 240, low 480 minutes).',
  sql: `
with incidents as (
    select
        severity,
        response_time_minutes,
        case severity when 'critical' then 60 when 'high' then 120 when 'medium' then 240 else 480 end as sla_minutes,
        after_hours
    from {{ ref('stg_incident_response') }}
)

select
    severity,
    max(sla_minutes) as sla_minutes,
    count(*) as incidents,
    sum(case when after_hours then 1 else 0 end) as after_hours_incidents,
    round(avg(response_time_minutes), 1) as avg_response_minutes,
    max(response_time_minutes) as max_response_minutes,
    ${RATE('sum(case when response_time_minutes <= sla_minutes then 1 else 0 end)', 'count(*)')} as within_sla_rate
from incidents
group by severity
`,
  columns: [
    {
      name: 'severity',
      description: 'incident severity',
      tests: ['unique', 'not_null', { accepted_values: { arguments: { values: [...SEVERITIES] } } }],
    },
    { name: 'within_sla_rate', description: 'share of incidents answered within sla_minutes', tests: ['not_null'] },
  ],
};

export const martsOperations: readonly MartModel[] = [
  technicianUtilization,
  firstTimeFix,
  equipmentFailureRate,
  responseTimes,
  incidentSla,
];
