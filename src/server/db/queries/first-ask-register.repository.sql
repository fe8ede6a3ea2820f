-- firstAskRowsSql
select c.id, c.number, c.received_at as "receivedAt", c.office_id as "officeId",
      c.first_responder_id as "firstResponderId", fr.name as "firstResponderName",
      c.handler_id as "handlerId", h.name as "handlerName", c.reporter_name as "reporterName",
      c.reporter_phone as "reporterPhone", c.reporter_anonymous as "reporterAnonymous",
      left(c.description, 200) as matter, c.state, c.satisfaction,
      (select t.data->>'result' from case_timeline t where t.case_id = c.id and t.type = 'resolved'
        order by t.seq desc limit 1) as result
    from cases c
    join users fr on fr.id = c.first_responder_id
    left join users h on h.id = c.handler_id
    where c.company_id = $1 and c.received_at >= $2 and c.received_at < $3
      and (fr.department_id = $4
        or fr.id = (select d.head_id from departments d where d.id = $5))
      and (c.first_responder_id = $6 or c.recorded_by_id = $7 or c.handler_id = $8
    or c.callback_assignee_id = $9
    or (c.target_type = 'department' and c.department_id in ($10::uuid)) or c.office_id in ($11::uuid))
    order by c.received_at, c.id
    limit 5000;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-01-31T16:00:00.000Z"
--   $3 = "2026-02-28T16:00:00.000Z"
--   $4 = "44444444-4444-4444-8444-444444444444"
--   $5 = "44444444-4444-4444-8444-444444444444"
--   $6 = "33333333-3333-4333-8333-333333333333"
--   $7 = "33333333-3333-4333-8333-333333333333"
--   $8 = "33333333-3333-4333-8333-333333333333"
--   $9 = "33333333-3333-4333-8333-333333333333"
--   $10 = "44444444-4444-4444-8444-444444444444"
--   $11 = "22222222-2222-4222-8222-222222222222"
