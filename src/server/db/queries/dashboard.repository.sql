-- todayCountsSql (the whole company: two index-only counts)
select
        (select count(*) from cases c where c.company_id = $1 and c.state in ($2, $3, $4, $5))::int as open,
        count(*) filter (where c.next_due_at < $6)::int as overdue,
        count(*) filter (where c.next_due_at >= $7)::int as due_soon
      from cases c
      where c.company_id = $8 and c.next_due_at < $9;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "received"
--   $3 = "routed"
--   $4 = "in_progress"
--   $5 = "waiting"
--   $6 = "2026-03-10T04:00:00.000Z"
--   $7 = "2026-03-10T04:00:00.000Z"
--   $8 = "11111111-1111-4111-8111-111111111111"
--   $9 = "2026-03-11T04:00:00.000Z"

-- todayCountsSql (one office and community)
select
      count(*) filter (where c.state in ($1, $2, $3, $4))::int as open,
      count(*) filter (where c.next_due_at < $5)::int as overdue,
      count(*) filter (where c.next_due_at >= $6 and c.next_due_at < $7)::int as due_soon
    from cases c
    where c.company_id = $8 and c.office_id in ($9::uuid) and c.community_id = $10 and (c.state in ($11, $12, $13, $14) or c.next_due_at < $15);
-- params:
--   $1 = "received"
--   $2 = "routed"
--   $3 = "in_progress"
--   $4 = "waiting"
--   $5 = "2026-03-10T04:00:00.000Z"
--   $6 = "2026-03-10T04:00:00.000Z"
--   $7 = "2026-03-11T04:00:00.000Z"
--   $8 = "11111111-1111-4111-8111-111111111111"
--   $9 = "22222222-2222-4222-8222-222222222222"
--   $10 = "77777777-7777-4777-8777-777777777777"
--   $11 = "received"
--   $12 = "routed"
--   $13 = "in_progress"
--   $14 = "waiting"
--   $15 = "2026-03-11T04:00:00.000Z"

-- monthReceivedSql (the whole company)
select count(*)::int as received,
      count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as complaints
    from cases c
    where c.company_id = $1 and c.received_at >= $2 and c.received_at < $3;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-02-28T16:00:00.000Z"
--   $3 = "2026-03-31T16:00:00.000Z"

-- monthReceivedSql (two offices)
select count(*)::int as received,
      count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as complaints
    from cases c
    where c.company_id = $1 and c.office_id in ($2::uuid, $3::uuid) and c.received_at >= $4 and c.received_at < $5;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "66666666-6666-4666-8666-666666666666"
--   $4 = "2026-02-28T16:00:00.000Z"
--   $5 = "2026-03-31T16:00:00.000Z"

-- complaintsByCategorySql (one office and community)
select c.category_id, count(*)::int as count
    from cases c
    where c.company_id = $1 and c.office_id in ($2::uuid) and c.community_id = $3 and c.received_at >= $4 and c.received_at < $5
      and c.kind = 'complaint' and not c.invalid and c.merged_into_id is null
    group by c.category_id;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "77777777-7777-4777-8777-777777777777"
--   $4 = "2026-02-28T16:00:00.000Z"
--   $5 = "2026-03-31T16:00:00.000Z"

-- monthClocksSql (the whole company: no join to cases)
select k.name,
      count(*)::int as fell_due,
      count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
      count(*) filter (where k.met_at is not null)::int as met
    from case_clocks k
    where k.company_id = $1 and k.due_at >= $2 and k.due_at < $3 and k.due_at <= $4
  and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
  and not (k.paused_at is not null and k.breached_at is null)
    group by k.name;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-02-28T16:00:00.000Z"
--   $3 = "2026-03-31T16:00:00.000Z"
--   $4 = "2026-03-10T04:00:00.000Z"

-- monthClocksSql (one office and community)
select k.name,
      count(*)::int as fell_due,
      count(*) filter (where k.met_at is not null and k.met_at <= k.due_at and k.breached_at is null)::int as on_time,
      count(*) filter (where k.met_at is not null)::int as met
    from case_clocks k join cases c on c.id = k.case_id and c.company_id = $1 and c.office_id in ($2::uuid) and c.community_id = $3
    where k.company_id = $4 and k.due_at >= $5 and k.due_at < $6 and k.due_at <= $7
  and not (k.met_at is null and k.breached_at is null and k.stopped_at is not null and k.stopped_at < k.due_at)
  and not (k.paused_at is not null and k.breached_at is null)
    group by k.name;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "77777777-7777-4777-8777-777777777777"
--   $4 = "11111111-1111-4111-8111-111111111111"
--   $5 = "2026-02-28T16:00:00.000Z"
--   $6 = "2026-03-31T16:00:00.000Z"
--   $7 = "2026-03-10T04:00:00.000Z"

-- monthEventsSql (the whole company: no join to cases)
select
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true')::int as answered,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'basically_satisfied')::int as basically_satisfied,
      count(distinct t.case_id) filter (where (t.type = 'reopened' or (t.type = 'callback' and t.data->>'outcome' = 'reopened')))::int as reopened,
      (select count(distinct t.case_id) from case_timeline t
        where t.company_id = $1 and t.type = 'resolved' and t.at >= $2 and t.at < $3)::int as resolved
    from case_timeline t
    where t.company_id = $4 and t.type in ('callback', 'reopened') and t.at >= $5 and t.at < $6;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-02-28T16:00:00.000Z"
--   $3 = "2026-03-31T16:00:00.000Z"
--   $4 = "11111111-1111-4111-8111-111111111111"
--   $5 = "2026-02-28T16:00:00.000Z"
--   $6 = "2026-03-31T16:00:00.000Z"

-- monthEventsSql (two offices)
select
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true')::int as answered,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'satisfied')::int as satisfied,
      count(*) filter (where t.type = 'callback' and t.data->>'reached' = 'true' and t.data->>'satisfaction' = 'basically_satisfied')::int as basically_satisfied,
      count(distinct t.case_id) filter (where (t.type = 'reopened' or (t.type = 'callback' and t.data->>'outcome' = 'reopened')))::int as reopened,
      (select count(distinct t.case_id) from case_timeline t join cases c on c.id = t.case_id and c.company_id = $1 and c.office_id in ($2::uuid, $3::uuid)
        where t.company_id = $4 and t.type = 'resolved' and t.at >= $5 and t.at < $6)::int as resolved
    from case_timeline t join cases c on c.id = t.case_id and c.company_id = $7 and c.office_id in ($8::uuid, $9::uuid)
    where t.company_id = $10 and t.type in ('callback', 'reopened') and t.at >= $11 and t.at < $12;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "22222222-2222-4222-8222-222222222222"
--   $3 = "66666666-6666-4666-8666-666666666666"
--   $4 = "11111111-1111-4111-8111-111111111111"
--   $5 = "2026-02-28T16:00:00.000Z"
--   $6 = "2026-03-31T16:00:00.000Z"
--   $7 = "11111111-1111-4111-8111-111111111111"
--   $8 = "22222222-2222-4222-8222-222222222222"
--   $9 = "66666666-6666-4666-8666-666666666666"
--   $10 = "11111111-1111-4111-8111-111111111111"
--   $11 = "2026-02-28T16:00:00.000Z"
--   $12 = "2026-03-31T16:00:00.000Z"

-- occupiedHouseholdsSql (the whole company)
select count(*)::int as occupied
    from rooms r join communities cm on cm.id = r.community_id and cm.company_id = $1
    where r.company_id = $2 and r.status = 'occupied';
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "11111111-1111-4111-8111-111111111111"

-- occupiedHouseholdsSql (one office and community)
select count(*)::int as occupied
    from rooms r join communities cm on cm.id = r.community_id and cm.company_id = $1
    where r.company_id = $2 and r.status = 'occupied'
       and cm.office_id in ($3::uuid)
       and cm.id = $4;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "11111111-1111-4111-8111-111111111111"
--   $3 = "22222222-2222-4222-8222-222222222222"
--   $4 = "77777777-7777-4777-8777-777777777777"
