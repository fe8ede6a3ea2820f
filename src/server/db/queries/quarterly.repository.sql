-- receivedByKindSql
select c.kind,
      count(*)::int as received,
      count(*) filter (where not c.invalid and c.merged_into_id is null)::int as counted,
      count(*) filter (where c.invalid)::int as invalid,
      count(*) filter (where c.merged_into_id is not null and not c.invalid)::int as merged
    from cases c
    where c.company_id = $1 and c.office_id = $2
      and c.received_at >= $3 and c.received_at < $4
    group by c.kind;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "2025-12-31T16:00:00.000Z"
--   $4 = "2026-03-31T16:00:00.000Z"

-- callbackCountsSql
select
      count(*)::int as due,
      count(*) filter (where k.met_at is not null)::int as done
    from case_clocks k join cases c on c.id = k.case_id
    where k.company_id = $1 and c.office_id = $2 and k.name = 'callback'
      and k.due_at >= $3 and k.due_at < $4 and k.due_at <= $5
      and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
      and not (k.paused_at is not null and k.breached_at is null);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "2025-12-31T16:00:00.000Z"
--   $4 = "2026-03-31T16:00:00.000Z"
--   $5 = "2026-03-10T04:00:00.000Z"

-- eventCountsSql
select
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true')::int as answered,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'basically_satisfied')::int as basically_satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'unsatisfied')::int as unsatisfied,
      count(distinct t.case_id) filter (where t.type = 'resolved')::int as resolved
    from case_timeline t join cases c on c.id = t.case_id
    where t.company_id = $1 and c.office_id = $2 and t.type in ('callback', 'resolved')
      and t.at >= $3 and t.at < $4;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "2025-12-31T16:00:00.000Z"
--   $4 = "2026-03-31T16:00:00.000Z"
