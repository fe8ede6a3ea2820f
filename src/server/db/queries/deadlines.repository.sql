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

-- overdueCaseClocksSql (an agent, first page)
select k.id, k.name, k.due_at as "dueAt", k.breached_at as "breachedAt", c.id as "caseId", c.number,
          c.office_id as "officeId", o.name as "officeName"
        from case_clocks k join cases c on c.id = k.case_id left join offices o on o.id = c.office_id
        where k.company_id = $1 and k.met_at is null and k.stopped_at is null
    and k.paused_at is null and k.due_at < $2 and (c.first_responder_id = $3 or c.recorded_by_id = $4 or c.handler_id = $5
    or c.callback_assignee_id = $6
    or (c.target_type = 'department' and c.department_id in ($7::uuid)) or c.office_id in ($8::uuid))
        order by k.due_at, k.id limit $9;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "33333333-3333-4333-8333-333333333333"
--   $7 = "44444444-4444-4444-8444-444444444444"
--   $8 = "22222222-2222-4222-8222-222222222222"
--   $9 = 51
select count(*)::int as n from (select 1 from case_clocks k join cases c on c.id = k.case_id
        where k.company_id = $1 and k.met_at is null and k.stopped_at is null
    and k.paused_at is null and k.due_at < $2 and (c.first_responder_id = $3 or c.recorded_by_id = $4 or c.handler_id = $5
    or c.callback_assignee_id = $6
    or (c.target_type = 'department' and c.department_id in ($7::uuid)) or c.office_id in ($8::uuid)) limit $9) x;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "33333333-3333-4333-8333-333333333333"
--   $7 = "44444444-4444-4444-8444-444444444444"
--   $8 = "22222222-2222-4222-8222-222222222222"
--   $9 = 10001

-- overdueCaseClocksSql (after a clock)
select k.id, k.name, k.due_at as "dueAt", k.breached_at as "breachedAt", c.id as "caseId", c.number,
          c.office_id as "officeId", o.name as "officeName"
        from case_clocks k join cases c on c.id = k.case_id left join offices o on o.id = c.office_id
        where k.company_id = $1 and k.met_at is null and k.stopped_at is null
    and k.paused_at is null and k.due_at < $2 and (c.first_responder_id = $3 or c.recorded_by_id = $4 or c.handler_id = $5
    or c.callback_assignee_id = $6
    or (c.target_type = 'department' and c.department_id in ($7::uuid)) or c.office_id in ($8::uuid)) and (k.due_at, k.id) > ($9, $10::uuid)
        order by k.due_at, k.id limit $11;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "33333333-3333-4333-8333-333333333333"
--   $7 = "44444444-4444-4444-8444-444444444444"
--   $8 = "22222222-2222-4222-8222-222222222222"
--   $9 = "2026-03-10T04:00:00.000Z"
--   $10 = "99999999-9999-4999-8999-999999999999"
--   $11 = 51

-- overdueCaseClocksSql (after every clock of a due time)
select k.id, k.name, k.due_at as "dueAt", k.breached_at as "breachedAt", c.id as "caseId", c.number,
          c.office_id as "officeId", o.name as "officeName"
        from case_clocks k join cases c on c.id = k.case_id left join offices o on o.id = c.office_id
        where k.company_id = $1 and k.met_at is null and k.stopped_at is null
    and k.paused_at is null and k.due_at < $2 and (c.first_responder_id = $3 or c.recorded_by_id = $4 or c.handler_id = $5
    or c.callback_assignee_id = $6
    or (c.target_type = 'department' and c.department_id in ($7::uuid)) or c.office_id in ($8::uuid)) and k.due_at > $9
        order by k.due_at, k.id limit $10;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "33333333-3333-4333-8333-333333333333"
--   $7 = "44444444-4444-4444-8444-444444444444"
--   $8 = "22222222-2222-4222-8222-222222222222"
--   $9 = "2026-03-10T04:00:00.000Z"
--   $10 = 51

-- audienceStaffSql (staff, then the offices’ directors)
select u.id, u.company_id, u.roles,
      array(select uo.office_id::text from user_offices uo where uo.user_id = u.id) as office_ids,
      d.function as department_function, d.office_id as department_office_id
    from users u left join departments d on d.id = u.department_id
    where u.company_id = any($1::uuid[]) and u.active
      and (u.roles && $2::text[]
        or d.function = any($3::text[]));
-- params:
--   $1 = ["11111111-1111-4111-8111-111111111111"]
--   $2 = ["director"]
--   $3 = ["finance"]
select id, director_id from offices where id = any($1::uuid[])
          and director_id is not null;
-- params:
--   $1 = ["22222222-2222-4222-8222-222222222222"]
