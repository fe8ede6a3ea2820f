-- dutyFactsSql (breaches, returns)
select t.case_id, t.seq, t.at, t.data->>'clock' as clock, t.data->>'dueAt' as due_at,
      c.number, c.office_id, c.first_responder_id, c.callback_assignee_id,
      case when r.type = 'routed' and r.data->'target'->>'type' = 'department' then r.data->'target'->>'id' end as department_id
    from case_timeline t join cases c on c.id = t.case_id
    left join lateral (
      select t2.type, t2.data from case_timeline t2
      where t2.case_id = t.case_id and t2.seq < t.seq and t2.type in ('routed', 'returned')
      order by t2.seq desc limit 1
    ) r on true
    where t.company_id = $1 and t.type = 'clock_breached' and t.at >= $2 and t.at < $3;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-01-31T16:00:00.000Z"
--   $3 = "2026-02-28T16:00:00.000Z"
select t.case_id, t.seq, t.at, t.actor_id, t.data->>'reason' as reason,
      t.data->'previousTarget'->>'type' as target_type, t.data->'previousTarget'->>'id' as target_id,
      c.number, c.office_id
    from case_timeline t join cases c on c.id = t.case_id
    where t.company_id = $1 and t.type = 'returned' and t.at >= $2 and t.at < $3;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-01-31T16:00:00.000Z"
--   $3 = "2026-02-28T16:00:00.000Z"

-- insertViolationsSql (two rows)
insert into duty_violations (company_id, office_id, year, month, subject_type,
        subject_id, kind, case_id, clock_name, evidence, occurred_at, amount)
      values ($1, $2, $3, $4, $5, $6,
          $7, $8, $9, $10::jsonb, $11, $12), ($13, $14, $15, $16, $17, $18,
          $19, $20, $21, $22::jsonb, $23, $24)
      on conflict (case_id, kind, subject_id, clock_name) do nothing;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = 2026
--   $4 = 2
--   $5 = "user"
--   $6 = "33333333-3333-4333-8333-333333333333"
--   $7 = "first_responder_route_breached"
--   $8 = "55555555-5555-4555-8555-555555555555"
--   $9 = "route"
--   $10 = "{\"caseNumber\":\"TS-2026-000123\",\"timelineSeq\":4,\"clock\":\"route\",\"breachedAt\":\"2026-03-10T04:00:00.000Z\"}"
--   $11 = "2026-03-10T04:00:00.000Z"
--   $12 = 50
--   $13 = "11111111-1111-4111-8111-111111111111"
--   $14 = "22222222-2222-4222-8222-222222222222"
--   $15 = 2026
--   $16 = 2
--   $17 = "department"
--   $18 = "44444444-4444-4444-8444-444444444444"
--   $19 = "department_clock_breached"
--   $20 = "88888888-8888-4888-8888-888888888888"
--   $21 = "resolve"
--   $22 = "{\"caseNumber\":\"TS-2026-000123\",\"timelineSeq\":4,\"clock\":\"resolve\",\"breachedAt\":\"2026-03-10T04:00:00.000Z\"}"
--   $23 = "2026-03-10T04:00:00.000Z"
--   $24 = 50

-- getViolationSql (locked)
select v.id, v.company_id, v.office_id, o.name as office_name, v.year, v.month,
    v.subject_type, v.subject_id, case v.subject_type when 'user' then su.name else sd.name end as subject_name,
    v.kind, v.case_id, c.number as case_number, v.clock_name, v.evidence, au.name as actor_name, v.occurred_at,
    v.amount, v.status, v.decided_by_id, du.name as decided_by_name, v.decided_at, v.decision_reason, v.version
  from duty_violations v
    join cases c on c.id = v.case_id
    left join offices o on o.id = v.office_id
    left join users su on su.id = v.subject_id and v.subject_type = 'user'
    left join departments sd on sd.id = v.subject_id and v.subject_type = 'department'
    left join users du on du.id = v.decided_by_id
    left join users au on au.id = (v.evidence->>'actorId')::uuid where v.company_id = $1 and v.id = $2 for update of v;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "55555555-5555-4555-8555-555555555555"

-- listViolationsSql (every filter, next page; its capped count)
select v.id, v.company_id, v.office_id, o.name as office_name, v.year, v.month,
    v.subject_type, v.subject_id, case v.subject_type when 'user' then su.name else sd.name end as subject_name,
    v.kind, v.case_id, c.number as case_number, v.clock_name, v.evidence, au.name as actor_name, v.occurred_at,
    v.amount, v.status, v.decided_by_id, du.name as decided_by_name, v.decided_at, v.decision_reason, v.version
  from duty_violations v
    join cases c on c.id = v.case_id
    left join offices o on o.id = v.office_id
    left join users su on su.id = v.subject_id and v.subject_type = 'user'
    left join departments sd on sd.id = v.subject_id and v.subject_type = 'department'
    left join users du on du.id = v.decided_by_id
    left join users au on au.id = (v.evidence->>'actorId')::uuid where v.company_id = $1 and v.year = $2 and v.month = $3 and v.office_id = any($4::uuid[]) and v.status = $5 and v.kind = $6 and v.subject_type = $7 and v.subject_id = $8 and (v.occurred_at, v.id) < ($9, $10::uuid) order by v.occurred_at desc, v.id desc limit $11;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = 2026
--   $3 = 2
--   $4 = "{22222222-2222-4222-8222-222222222222}"
--   $5 = "pending"
--   $6 = "department_clock_breached"
--   $7 = "department"
--   $8 = "44444444-4444-4444-8444-444444444444"
--   $9 = "2026-03-10T04:00:00.000Z"
--   $10 = "55555555-5555-4555-8555-555555555555"
--   $11 = 51
select count(*)::int as n from (select 1 from duty_violations v where v.company_id = $1 and v.year = $2 and v.month = $3 and v.office_id = any($4::uuid[]) and v.status = $5 and v.kind = $6 and v.subject_type = $7 and v.subject_id = $8 limit $9) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = 2026
--   $3 = 2
--   $4 = "{22222222-2222-4222-8222-222222222222}"
--   $5 = "pending"
--   $6 = "department_clock_breached"
--   $7 = "department"
--   $8 = "44444444-4444-4444-8444-444444444444"
--   $9 = 10001

-- listViolationsSql (the whole company, first page)
select v.id, v.company_id, v.office_id, o.name as office_name, v.year, v.month,
    v.subject_type, v.subject_id, case v.subject_type when 'user' then su.name else sd.name end as subject_name,
    v.kind, v.case_id, c.number as case_number, v.clock_name, v.evidence, au.name as actor_name, v.occurred_at,
    v.amount, v.status, v.decided_by_id, du.name as decided_by_name, v.decided_at, v.decision_reason, v.version
  from duty_violations v
    join cases c on c.id = v.case_id
    left join offices o on o.id = v.office_id
    left join users su on su.id = v.subject_id and v.subject_type = 'user'
    left join departments sd on sd.id = v.subject_id and v.subject_type = 'department'
    left join users du on du.id = v.decided_by_id
    left join users au on au.id = (v.evidence->>'actorId')::uuid where v.company_id = $1 and v.year = $2 and v.month = $3 order by v.occurred_at desc, v.id desc limit $4;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = 2026
--   $3 = 2
--   $4 = 51

-- clockTalliesSql
select 'fr' as role, c.first_responder_id as subject_id, count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
  count(*) filter (where k.breached_at is not null or k.met_at > k.due_at)::int as breached,
  count(*)::int as total, count(*) filter (where k.met_at is not null)::int as met from case_clocks k join cases c on c.id = k.case_id
      where c.company_id = $1 and k.due_at >= $2 and k.due_at < $3 and k.name = 'route' and c.first_responder_id = any($4::uuid[]) group by 2
    union all
    select 'cb', coalesce(c.callback_assignee_id, c.first_responder_id), count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
  count(*) filter (where k.breached_at is not null or k.met_at > k.due_at)::int as breached,
  count(*)::int as total, count(*) filter (where k.met_at is not null)::int as met from case_clocks k join cases c on c.id = k.case_id
      where c.company_id = $5 and k.due_at >= $6 and k.due_at < $7 and k.name = 'callback' and coalesce(c.callback_assignee_id, c.first_responder_id) = any($8::uuid[]) group by 2
    union all
    select 'h', c.handler_id, count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
  count(*) filter (where k.breached_at is not null or k.met_at > k.due_at)::int as breached,
  count(*)::int as total, count(*) filter (where k.met_at is not null)::int as met from case_clocks k join cases c on c.id = k.case_id
      where c.company_id = $9 and k.due_at >= $10 and k.due_at < $11 and k.name in ($12, $13, $14, $15, $16, $17) and c.handler_id = any($18::uuid[]) group by 2
    union all
    select 'd', c.department_id, count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
  count(*) filter (where k.breached_at is not null or k.met_at > k.due_at)::int as breached,
  count(*)::int as total, count(*) filter (where k.met_at is not null)::int as met from case_clocks k join cases c on c.id = k.case_id
      where c.company_id = $19 and k.due_at >= $20 and k.due_at < $21 and k.name in ($22, $23, $24, $25, $26, $27, $28) and c.department_id = any($29::uuid[]) group by 2
    union all
    select 'dcb', c.department_id, count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
  count(*) filter (where k.breached_at is not null or k.met_at > k.due_at)::int as breached,
  count(*)::int as total, count(*) filter (where k.met_at is not null)::int as met from case_clocks k join cases c on c.id = k.case_id
      where c.company_id = $30 and k.due_at >= $31 and k.due_at < $32 and k.name = 'callback' and c.department_id = any($33::uuid[]) group by 2;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-01-31T16:00:00.000Z"
--   $3 = "2026-02-28T16:00:00.000Z"
--   $4 = "{33333333-3333-4333-8333-333333333333}"
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "2026-01-31T16:00:00.000Z"
--   $7 = "2026-02-28T16:00:00.000Z"
--   $8 = "{33333333-3333-4333-8333-333333333333}"
--   $9 = "11111111-1111-4111-8111-111111111111"
--   $10 = "2026-01-31T16:00:00.000Z"
--   $11 = "2026-02-28T16:00:00.000Z"
--   $12 = "dispatch"
--   $13 = "contact"
--   $14 = "verify"
--   $15 = "reply"
--   $16 = "resolve"
--   $17 = "corrective"
--   $18 = "{33333333-3333-4333-8333-333333333333}"
--   $19 = "11111111-1111-4111-8111-111111111111"
--   $20 = "2026-01-31T16:00:00.000Z"
--   $21 = "2026-02-28T16:00:00.000Z"
--   $22 = "dispatch"
--   $23 = "verify"
--   $24 = "reply"
--   $25 = "resolve"
--   $26 = "corrective"
--   $27 = "onsite"
--   $28 = "progress"
--   $29 = "{44444444-4444-4444-8444-444444444444}"
--   $30 = "11111111-1111-4111-8111-111111111111"
--   $31 = "2026-01-31T16:00:00.000Z"
--   $32 = "2026-02-28T16:00:00.000Z"
--   $33 = "{44444444-4444-4444-8444-444444444444}"

-- firstReceivedSql
select 'u' as role, c.first_responder_id as subject_id, count(*)::int as n from cases c
      where c.company_id = $1 and c.received_at >= $2 and c.received_at < $3
        and c.first_responder_id = any($4::uuid[]) group by 2
    union all
    select 'd', u.department_id, count(*)::int from cases c join users u on u.id = c.first_responder_id
      where c.company_id = $5 and c.received_at >= $6 and c.received_at < $7
        and u.department_id = any($8::uuid[]) group by 2;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-01-31T16:00:00.000Z"
--   $3 = "2026-02-28T16:00:00.000Z"
--   $4 = "{33333333-3333-4333-8333-333333333333}"
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "2026-01-31T16:00:00.000Z"
--   $7 = "2026-02-28T16:00:00.000Z"
--   $8 = "{44444444-4444-4444-8444-444444444444}"

-- outcomeTalliesSql
select c.handler_id, c.department_id,
      count(*) filter (where t.type = 'reopened' or (t.type = 'callback' and t.data->>'outcome' = 'reopened'))::int as reopens,
      count(*) filter (where t.type = 'callback' and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'satisfaction' = 'basically_satisfied')::int as basically,
      count(*) filter (where t.type = 'callback' and t.data->>'satisfaction' = 'unsatisfied')::int as unsatisfied
    from cases c join case_timeline t on t.case_id = c.id
    where c.company_id = $1
      and (c.handler_id = any($2::uuid[]) or c.department_id = any($3::uuid[]))
      and c.received_at < $4 and (c.closed_at is null or c.closed_at >= $5)
      and t.at >= $6 and t.at < $7 and t.type in ('reopened', 'callback')
    group by 1, 2;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "{33333333-3333-4333-8333-333333333333}"
--   $3 = "{44444444-4444-4444-8444-444444444444}"
--   $4 = "2026-02-28T16:00:00.000Z"
--   $5 = "2026-01-31T16:00:00.000Z"
--   $6 = "2026-01-31T16:00:00.000Z"
--   $7 = "2026-02-28T16:00:00.000Z"

-- monthViolationsSql
select subject_type, subject_id, status, amount from duty_violations
    where company_id = $1 and year = $2 and month = $3 and subject_id = any($4::uuid[]);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = 2026
--   $3 = 2
--   $4 = "{33333333-3333-4333-8333-333333333333,44444444-4444-4444-8444-444444444444}"
