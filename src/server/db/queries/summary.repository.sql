-- receivedCountsSql (one office)
select c.community_id, c.kind, c.category_id, c.channel, c.severity,
      count(*)::int as received,
      count(*) filter (where not c.invalid and c.merged_into_id is null)::int as counted,
      count(*) filter (where c.invalid)::int as invalid,
      count(*) filter (where c.merged_into_id is not null and not c.invalid)::int as merged,
      count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as valid_complaints
    from cases c
    where c.company_id = $1 and c.office_id = $2 and c.received_at >= $3 and c.received_at < $4
    group by c.community_id, c.kind, c.category_id, c.channel, c.severity;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "2026-01-31T16:00:00.000Z"
--   $4 = "2026-02-28T16:00:00.000Z"

-- receivedCountsSql (the whole company)
select c.community_id, c.kind, c.category_id, c.channel, c.severity,
      count(*)::int as received,
      count(*) filter (where not c.invalid and c.merged_into_id is null)::int as counted,
      count(*) filter (where c.invalid)::int as invalid,
      count(*) filter (where c.merged_into_id is not null and not c.invalid)::int as merged,
      count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as valid_complaints
    from cases c
    where c.company_id = $1 and c.received_at >= $2 and c.received_at < $3
    group by c.community_id, c.kind, c.category_id, c.channel, c.severity;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-01-31T16:00:00.000Z"
--   $3 = "2026-02-28T16:00:00.000Z"

-- clockCountsSql
select c.community_id, k.name,
      count(*)::int as fell_due,
      count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
      count(*) filter (where k.met_at is not null)::int as met
    from case_clocks k join cases c on c.id = k.case_id
    where k.company_id = $1 and c.office_id = $2 and k.due_at >= $3 and k.due_at < $4 and k.due_at <= $5
  and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
  and not (k.paused_at is not null and k.breached_at is null)
    group by c.community_id, k.name;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "2026-01-31T16:00:00.000Z"
--   $4 = "2026-02-28T16:00:00.000Z"
--   $5 = "2026-03-10T04:00:00.000Z"

-- eventCountsSql
select c.community_id,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true')::int as answered,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'basically_satisfied')::int as basically_satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'unsatisfied')::int as unsatisfied,
      count(distinct t.case_id) filter (where (t.type = 'reopened' or (t.type = 'callback' and t.data->>'outcome' = 'reopened')))::int as reopened,
      count(distinct t.case_id) filter (where t.type = 'resolved')::int as resolved,
      count(distinct t.case_id) filter (where t.type = 'resolved' and c.repair_type = 'private'
  and not exists (select 1 from case_timeline r where r.case_id = t.case_id and r.type = 'resolved'
    and r.seq > t.seq and r.at < $1))::int as paid_resolved,
      count(distinct t.case_id) filter (where t.type = 'resolved' and c.repair_type = 'private'
  and not exists (select 1 from case_timeline r where r.case_id = t.case_id and r.type = 'resolved'
    and r.seq > t.seq and r.at < $2) and exists (select 1 from case_timeline cb where cb.case_id = t.case_id
    and cb.type = 'callback' and cb.data->>'reached' = 'true' and cb.seq > t.seq
    and not exists (select 1 from case_timeline r where r.case_id = t.case_id and r.type = 'resolved'
      and r.seq > t.seq and r.seq < cb.seq)))::int as paid_called_back
    from case_timeline t join cases c on c.id = t.case_id
    where t.company_id = $3 and t.type in ('callback', 'reopened', 'resolved')
      and t.at >= $4 and t.at < $5 and c.office_id = $6
    group by c.community_id;
-- params:
--   $1 = "2026-02-28T16:00:00.000Z"
--   $2 = "2026-02-28T16:00:00.000Z"
--   $3 = "11111111-1111-4111-8111-111111111111"
--   $4 = "2026-01-31T16:00:00.000Z"
--   $5 = "2026-02-28T16:00:00.000Z"
--   $6 = "22222222-2222-4222-8222-222222222222"

-- notableCasesSql
(select c.id, c.number, c.kind, c.severity, c.state, c.closure, c.received_at, c.description, c.reporter_name,
  cat.name as category, cm.name as community, c.severity as reason
      from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id
      where c.company_id = $1 and c.office_id = $2 and c.received_at >= $3 and c.received_at < $4 and not c.invalid and c.merged_into_id is null
        and c.severity in ('emergency', 'major')
      order by c.received_at, c.id limit $5)
    union all
    (select c.id, c.number, c.kind, c.severity, c.state, c.closure, c.received_at, c.description, c.reporter_name,
  cat.name as category, cm.name as community, 'closed_unsatisfied' as reason from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id
      where c.company_id = $6 and c.office_id = $7 and c.closure = 'director'
  and c.id in (select t.case_id from case_timeline t where t.company_id = $8 and t.type = 'closed'
    and t.at >= $9 and t.at < $10) order by c.received_at, c.id limit $11);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "2026-01-31T16:00:00.000Z"
--   $4 = "2026-02-28T16:00:00.000Z"
--   $5 = 21
--   $6 = "11111111-1111-4111-8111-111111111111"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "11111111-1111-4111-8111-111111111111"
--   $9 = "2026-01-31T16:00:00.000Z"
--   $10 = "2026-02-28T16:00:00.000Z"
--   $11 = 21

-- unresolvedCasesSql (one ordered branch per open state)
(select c.id, c.number, c.kind, c.severity, c.state, c.closure, c.received_at, c.description, c.reporter_name,
  cat.name as category, cm.name as community, 'closed_by_director' as reason
      from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id where c.company_id = $1 and c.office_id = $2 and c.closure = 'director'
  and c.id in (select t.case_id from case_timeline t where t.company_id = $3 and t.type = 'closed'
    and t.at >= $4 and t.at < $5) order by c.received_at, c.id limit $6)
    union all
    (select c.id, c.number, c.kind, c.severity, c.state, c.closure, c.received_at, c.description, c.reporter_name,
  cat.name as category, cm.name as community, 'open_at_month_end' as reason from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id
      where c.id in (select o.id from (select x.id from ((select c.id, c.received_at from cases c
        where c.company_id = $7 and c.state = $8 and c.received_at < $9 and c.office_id = $10
        order by c.received_at, c.id limit $11) union all (select c.id, c.received_at from cases c
        where c.company_id = $12 and c.state = $13 and c.received_at < $14 and c.office_id = $15
        order by c.received_at, c.id limit $16) union all (select c.id, c.received_at from cases c
        where c.company_id = $17 and c.state = $18 and c.received_at < $19 and c.office_id = $20
        order by c.received_at, c.id limit $21) union all (select c.id, c.received_at from cases c
        where c.company_id = $22 and c.state = $23 and c.received_at < $24 and c.office_id = $25
        order by c.received_at, c.id limit $26)) x order by x.received_at, x.id limit $27) o)
      order by c.received_at, c.id limit $28)
    union all
    (select c.id, c.number, c.kind, c.severity, c.state, c.closure, c.received_at, c.description, c.reporter_name,
  cat.name as category, cm.name as community, 'open_at_month_end' as reason from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id
      where c.company_id = $29 and c.office_id = $30 and c.received_at >= $31 and c.received_at < $32
        and c.state not in ($33, $34, $35, $36) and not c.invalid and c.merged_into_id is null
        and least(c.resolved_at, c.closed_at) >= $37
      order by c.received_at, c.id limit $38);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "11111111-1111-4111-8111-111111111111"
--   $4 = "2026-01-31T16:00:00.000Z"
--   $5 = "2026-02-28T16:00:00.000Z"
--   $6 = 21
--   $7 = "11111111-1111-4111-8111-111111111111"
--   $8 = "received"
--   $9 = "2026-02-28T16:00:00.000Z"
--   $10 = "22222222-2222-4222-8222-222222222222"
--   $11 = 21
--   $12 = "11111111-1111-4111-8111-111111111111"
--   $13 = "routed"
--   $14 = "2026-02-28T16:00:00.000Z"
--   $15 = "22222222-2222-4222-8222-222222222222"
--   $16 = 21
--   $17 = "11111111-1111-4111-8111-111111111111"
--   $18 = "in_progress"
--   $19 = "2026-02-28T16:00:00.000Z"
--   $20 = "22222222-2222-4222-8222-222222222222"
--   $21 = 21
--   $22 = "11111111-1111-4111-8111-111111111111"
--   $23 = "waiting"
--   $24 = "2026-02-28T16:00:00.000Z"
--   $25 = "22222222-2222-4222-8222-222222222222"
--   $26 = 21
--   $27 = 21
--   $28 = 21
--   $29 = "11111111-1111-4111-8111-111111111111"
--   $30 = "22222222-2222-4222-8222-222222222222"
--   $31 = "2026-01-31T16:00:00.000Z"
--   $32 = "2026-02-28T16:00:00.000Z"
--   $33 = "received"
--   $34 = "routed"
--   $35 = "in_progress"
--   $36 = "waiting"
--   $37 = "2026-02-28T16:00:00.000Z"
--   $38 = 21

-- communitiesSql (one office)
select cm.id, cm.name,
      (select count(*) from rooms r where r.company_id = $1 and r.community_id = cm.id
        and r.status = 'occupied')::int as occupied
    from communities cm
    where cm.company_id = $2 and cm.office_id = $3
    order by cm.name;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "11111111-1111-4111-8111-111111111111"
--   $3 = "22222222-2222-4222-8222-222222222222"

-- communitiesSql (the whole company)
select cm.id, cm.name,
      (select count(*) from rooms r where r.company_id = $1 and r.community_id = cm.id
        and r.status = 'occupied')::int as occupied
    from communities cm
    where cm.company_id = $2
    order by cm.name;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "11111111-1111-4111-8111-111111111111"

-- explanationsSql (two cases)
select t.case_id, t.seq, t.type, t.data
    from unnest($1::uuid[]) as x(id) join case_timeline t on t.case_id = x.id
    where t.type in ('resolved', 'closed', 'invalidated', 'waiting', 'extended', 'returned')
    order by t.case_id, t.seq;
-- params:
--   $1 = ["55555555-5555-4555-8555-555555555555","88888888-8888-4888-8888-888888888888"]

-- knownNamesSql
select distinct r.name from residents r
      join room_residents rr on rr.resident_id = r.id join rooms ro on ro.id = rr.room_id
      join communities cm on cm.id = ro.community_id
      where r.company_id = $1 and cm.office_id = $2
    union
    select distinct c.reporter_name from cases c
      where c.company_id = $3 and c.office_id = $4 and c.received_at >= $5 and c.received_at < $6 and c.reporter_name is not null;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "11111111-1111-4111-8111-111111111111"
--   $4 = "22222222-2222-4222-8222-222222222222"
--   $5 = "2026-01-31T16:00:00.000Z"
--   $6 = "2026-02-28T16:00:00.000Z"

-- drillPageSql (late clocks of a community, next page)
select c.id, c.number, c.kind, c.severity, c.state, c.received_at,
      cat.name as category, cm.name as community
    from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id
    where c.company_id = $1 and c.office_id = $2 and c.community_id = $3 and c.id in (select k.case_id from case_clocks k
    where k.company_id = $4 and k.name = $5 and k.due_at >= $6 and k.due_at < $7 and k.due_at <= $8
  and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
  and not (k.paused_at is not null and k.breached_at is null) and not (k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)) and (c.first_responder_id = $9 or c.recorded_by_id = $10 or c.handler_id = $11
    or c.callback_assignee_id = $12
    or (c.target_type = 'department' and c.department_id in ($13::uuid)) or c.office_id in ($14::uuid)) and (c.received_at, c.id) < ($15, $16::uuid)
    order by c.received_at desc, c.id desc limit $17;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "77777777-7777-4777-8777-777777777777"
--   $4 = "11111111-1111-4111-8111-111111111111"
--   $5 = "resolve"
--   $6 = "2026-01-31T16:00:00.000Z"
--   $7 = "2026-02-28T16:00:00.000Z"
--   $8 = "2026-03-10T04:00:00.000Z"
--   $9 = "33333333-3333-4333-8333-333333333333"
--   $10 = "33333333-3333-4333-8333-333333333333"
--   $11 = "33333333-3333-4333-8333-333333333333"
--   $12 = "33333333-3333-4333-8333-333333333333"
--   $13 = "44444444-4444-4444-8444-444444444444"
--   $14 = "22222222-2222-4222-8222-222222222222"
--   $15 = "2026-03-10T04:00:00.000Z"
--   $16 = "55555555-5555-4555-8555-555555555555"
--   $17 = 51

-- drillCount (late clocks of a community)
select count(*)::int as n from (select 1 from cases c where c.company_id = $1 and c.office_id = $2 and c.community_id = $3 and c.id in (select k.case_id from case_clocks k
    where k.company_id = $4 and k.name = $5 and k.due_at >= $6 and k.due_at < $7 and k.due_at <= $8
  and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
  and not (k.paused_at is not null and k.breached_at is null) and not (k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)) and (c.first_responder_id = $9 or c.recorded_by_id = $10 or c.handler_id = $11
    or c.callback_assignee_id = $12
    or (c.target_type = 'department' and c.department_id in ($13::uuid)) or c.office_id in ($14::uuid)) limit $15) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "77777777-7777-4777-8777-777777777777"
--   $4 = "11111111-1111-4111-8111-111111111111"
--   $5 = "resolve"
--   $6 = "2026-01-31T16:00:00.000Z"
--   $7 = "2026-02-28T16:00:00.000Z"
--   $8 = "2026-03-10T04:00:00.000Z"
--   $9 = "33333333-3333-4333-8333-333333333333"
--   $10 = "33333333-3333-4333-8333-333333333333"
--   $11 = "33333333-3333-4333-8333-333333333333"
--   $12 = "33333333-3333-4333-8333-333333333333"
--   $13 = "44444444-4444-4444-8444-444444444444"
--   $14 = "22222222-2222-4222-8222-222222222222"
--   $15 = 10001

-- drillPageSql (unsatisfied callbacks, first page)
select c.id, c.number, c.kind, c.severity, c.state, c.received_at,
      cat.name as category, cm.name as community
    from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id
    where c.company_id = $1 and c.office_id = $2 and c.id in (select t.case_id from case_timeline t
    where t.company_id = $3 and t.type in ('callback', 'reopened', 'resolved')
      and t.at >= $4 and t.at < $5 and t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'unsatisfied') and (c.first_responder_id = $6 or c.recorded_by_id = $7 or c.handler_id = $8
    or c.callback_assignee_id = $9
    or (c.target_type = 'department' and c.department_id in ($10::uuid)) or c.office_id in ($11::uuid))
    order by c.received_at desc, c.id desc limit $12;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "11111111-1111-4111-8111-111111111111"
--   $4 = "2026-01-31T16:00:00.000Z"
--   $5 = "2026-02-28T16:00:00.000Z"
--   $6 = "33333333-3333-4333-8333-333333333333"
--   $7 = "33333333-3333-4333-8333-333333333333"
--   $8 = "33333333-3333-4333-8333-333333333333"
--   $9 = "33333333-3333-4333-8333-333333333333"
--   $10 = "44444444-4444-4444-8444-444444444444"
--   $11 = "22222222-2222-4222-8222-222222222222"
--   $12 = 51

-- detailRowsSql
select c.number, c.received_at, c.kind, c.severity, c.channel,
      c.state, c.closure, c.satisfaction, c.reopen_count, c.invalid, c.merged_into_id is not null as merged,
      cat.name as category, cm.name as community
    from cases c left join categories cat on cat.id = c.category_id left join communities cm on cm.id = c.community_id
    where c.company_id = $1 and c.office_id = $2 and c.received_at >= $3 and c.received_at < $4
    order by c.received_at, c.id limit $5;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "2026-01-31T16:00:00.000Z"
--   $4 = "2026-02-28T16:00:00.000Z"
--   $5 = 20000
