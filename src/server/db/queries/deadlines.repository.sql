-- deadlineSweepSql (two deadlines)
update deadlines d set warned_at = v.warned_at, breached_at = v.breached_at,
      reminders_sent = v.reminders_sent, tier = v.tier, next_check_at = v.next_check_at
    from unnest($1::uuid[],
      $2::timestamptz[],
      $3::timestamptz[],
      $4::int[],
      $5::int[],
      $6::timestamptz[])
      as v(id, warned_at, breached_at, reminders_sent, tier, next_check_at)
    where d.id = any($7::uuid[]) and d.id = v.id;
-- params:
--   $1 = ["55555555-5555-4555-8555-555555555555","33333333-3333-4333-8333-333333333333"]
--   $2 = ["2026-03-10T04:00:00.000Z","2026-03-10T04:00:00.000Z"]
--   $3 = [null,"2026-03-10T04:00:00.000Z"]
--   $4 = [1,0]
--   $5 = [0,1]
--   $6 = ["2026-03-10T04:00:00.000Z",null]
--   $7 = ["55555555-5555-4555-8555-555555555555","33333333-3333-4333-8333-333333333333"]

-- overdueStoredSql (the whole company, first page)
select d.id, d.kind, d.name, d.label, d.subject_id as "subjectId", d.due_at as "dueAt",
        d.breached_at as "breachedAt", d.office_id as "officeId", o.name as "officeName"
      from deadlines d left join offices o on o.id = d.office_id
      where d.company_id = $1 and d.met_at is null and d.stopped_at is null
    and d.due_at < $2 and d.kind = any($3::text[])
    
      order by d.due_at, d.id limit $4;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = ["monthly_summary","quarterly_report"]
--   $4 = 51
select count(*)::int as n from (select 1 from deadlines d where d.company_id = $1 and d.met_at is null and d.stopped_at is null
    and d.due_at < $2 and d.kind = any($3::text[])
     limit $4) x;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = ["monthly_summary","quarterly_report"]
--   $4 = 10001

-- overdueStoredSql (one office, after a deadline)
select d.id, d.kind, d.name, d.label, d.subject_id as "subjectId", d.due_at as "dueAt",
        d.breached_at as "breachedAt", d.office_id as "officeId", o.name as "officeName"
      from deadlines d left join offices o on o.id = d.office_id
      where d.company_id = $1 and d.met_at is null and d.stopped_at is null
    and d.due_at < $2 and d.kind = any($3::text[])
    and d.office_id = any($4::uuid[]) and (d.due_at, d.id) > ($5, $6::uuid)
      order by d.due_at, d.id limit $7;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = ["monthly_summary","quarterly_report"]
--   $4 = ["22222222-2222-4222-8222-222222222222"]
--   $5 = "2026-03-10T04:00:00.000Z"
--   $6 = "55555555-5555-4555-8555-555555555555"
--   $7 = 51
select count(*)::int as n from (select 1 from deadlines d where d.company_id = $1 and d.met_at is null and d.stopped_at is null
    and d.due_at < $2 and d.kind = any($3::text[])
    and d.office_id = any($4::uuid[]) limit $5) x;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = ["monthly_summary","quarterly_report"]
--   $4 = ["22222222-2222-4222-8222-222222222222"]
--   $5 = 10001
