-- insertNotificationRowsSql (two rows)
insert into notifications (company_id, user_id, type, case_id, data, created_at)
    select v.company_id, v.user_id, v.type, v.case_id, v.data::jsonb, $1::timestamptz
    from unnest($2::uuid[], $3::uuid[],
      $4::text[], $5::uuid[],
      $6::text[]) as v(company_id, user_id, type, case_id, data)
    join users u on u.id = v.user_id and u.company_id = v.company_id and u.active
    returning id, company_id, user_id, type, case_id;
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = ["11111111-1111-4111-8111-111111111111","11111111-1111-4111-8111-111111111111"]
--   $3 = ["33333333-3333-4333-8333-333333333333","33333333-3333-4333-8333-333333333333"]
--   $4 = ["assigned","queued"]
--   $5 = ["55555555-5555-4555-8555-555555555555","88888888-8888-4888-8888-888888888888"]
--   $6 = ["{\"number\":\"TS-2026-000001\"}","{}"]

-- listNotificationsSql (first page; its capped count)
select n.id, n.type, n.case_id, c.number as case_number, n.data,
    n.created_at, n.read_at, (n.case_id is null or (c.id is not null and (c.first_responder_id = $1 or c.recorded_by_id = $2 or c.handler_id = $3
    or c.callback_assignee_id = $4
    or (c.target_type = 'department' and c.department_id in ($5::uuid)) or c.office_id in ($6::uuid)))) as case_visible
  from notifications n left join cases c on c.id = n.case_id and c.company_id = n.company_id where n.company_id = $7 and n.user_id = $8 order by n.created_at desc, n.id desc limit $9;
-- params:
--   $1 = "33333333-3333-4333-8333-333333333333"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "44444444-4444-4444-8444-444444444444"
--   $6 = "22222222-2222-4222-8222-222222222222"
--   $7 = "11111111-1111-4111-8111-111111111111"
--   $8 = "33333333-3333-4333-8333-333333333333"
--   $9 = 21
select count(*)::int as n from (select 1 from notifications n where n.company_id = $1 and n.user_id = $2 limit $3) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = 10001

-- listNotificationsSql (unread, next page)
select n.id, n.type, n.case_id, c.number as case_number, n.data,
    n.created_at, n.read_at, (n.case_id is null or (c.id is not null and (c.first_responder_id = $1 or c.recorded_by_id = $2 or c.handler_id = $3
    or c.callback_assignee_id = $4
    or (c.target_type = 'department' and c.department_id in ($5::uuid)) or c.office_id in ($6::uuid)))) as case_visible
  from notifications n left join cases c on c.id = n.case_id and c.company_id = n.company_id where n.company_id = $7 and n.user_id = $8 and n.read_at is null and (n.created_at, n.id) < ($9::timestamptz, $10::uuid) order by n.created_at desc, n.id desc limit $11;
-- params:
--   $1 = "33333333-3333-4333-8333-333333333333"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "44444444-4444-4444-8444-444444444444"
--   $6 = "22222222-2222-4222-8222-222222222222"
--   $7 = "11111111-1111-4111-8111-111111111111"
--   $8 = "33333333-3333-4333-8333-333333333333"
--   $9 = "2026-03-10T04:00:00.000Z"
--   $10 = "55555555-5555-4555-8555-555555555555"
--   $11 = 21
