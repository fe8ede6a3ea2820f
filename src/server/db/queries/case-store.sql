-- insertIntakesSql (two intakes: one with a clock, one resolved on the spot)
with x as materialized (
      select * from jsonb_to_recordset($1::jsonb) as x(id uuid,
        company_id uuid, number text, channel text, kind text, severity text, category_id uuid, repair_type text,
        visit_at timestamptz, state text, received_at timestamptz, created_at timestamptz, recorded_by_id uuid,
        first_responder_id uuid, handler_id uuid, office_id uuid, community_id uuid,
        room_id uuid, address text, reporter_name text, reporter_phone text, reporter_phone_canonical text,
        reporter_anonymous boolean, description text, search_document text, self_complaint boolean,
        about_employee_id uuid, service_complaint boolean, callback_assignee_id uuid, resolved_at timestamptz,
        closure text, closed_at timestamptz,
        next_due_at timestamptz, calendar_unknown boolean, timeline_seq int, timeline_head text, clocks jsonb,
        entries jsonb, notices jsonb, msg_params jsonb, msg_expires_at timestamptz)
    ), c as (
      insert into cases (id, company_id, number, channel, kind, severity, category_id, repair_type, visit_at, state, received_at,
        created_at, updated_at, recorded_by_id, first_responder_id, handler_id, office_id, community_id, room_id, address,
        reporter_name, reporter_phone, reporter_phone_canonical, reporter_anonymous, description, search_vector,
        self_complaint, about_employee_id, service_complaint, callback_assignee_id, resolved_at, closure,
        closed_at, next_due_at, calendar_unknown, timeline_seq, timeline_head)
      select x.id, x.company_id, x.number, x.channel, x.kind, x.severity, x.category_id, x.repair_type, x.visit_at,
        x.state, x.received_at, x.created_at, x.created_at, x.recorded_by_id, x.first_responder_id, x.handler_id, x.office_id,
        x.community_id, x.room_id, x.address, x.reporter_name, x.reporter_phone, x.reporter_phone_canonical,
        x.reporter_anonymous, x.description, to_tsvector('simple', x.search_document), x.self_complaint,
        x.about_employee_id, x.service_complaint, x.callback_assignee_id, x.resolved_at, x.closure, x.closed_at,
        x.next_due_at,
        x.calendar_unknown, x.timeline_seq, x.timeline_head
      from x
      returning id
    ), k as (
      insert into case_clocks (id, company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      select y.id, x.company_id, x.id, y.name, y.started_at, y.due_at, y.met_at, y.warned_at, y.breached_at,
        y.paused_at, y.paused_ms, y.stopped_at, y.calendar_unknown, y.next_check_at
      from x cross join jsonb_to_recordset(x.clocks) as y(id uuid, name text,
        started_at timestamptz, due_at timestamptz, met_at timestamptz, warned_at timestamptz,
        breached_at timestamptz, paused_at timestamptz, paused_ms bigint, stopped_at timestamptz,
        calendar_unknown boolean, next_check_at timestamptz)
      returning id
    ), t as (
      insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
      select x.id, y.seq, x.company_id, y.at, y.actor_id, y.type, y.data, y.prev_hash, y.hash
      from x cross join jsonb_to_recordset(x.entries) as y(seq int, at timestamptz, actor_id uuid,
        type text, data jsonb, prev_hash text, hash text)
    ), n as (
      insert into notifications (company_id, user_id, type, case_id, data, created_at)
      select x.company_id, y.user_id, y.type, x.id, y.data, x.created_at
      from x cross join jsonb_to_recordset(x.notices) as y(user_id uuid, type text, data jsonb)
        join users u on u.id = y.user_id and u.company_id = x.company_id and u.active
      where x.notices is not null
      returning id, company_id as "companyId", user_id as "userId", type, case_id as "caseId"
    ), o as (
      insert into outbox_messages (id, company_id, type, channel, recipient_kind, user_id, phone,
    case_id, notification_id, params, idempotency_key, next_attempt_at, expires_at, created_at) select g.id, g.company_id, g.type, g.channel, g.recipient_kind, g.user_id, g.phone, g.case_id,
    g.notification_id, g.params, replace(g.id::text, '-', ''), g.at, g.expires_at, g.at from (select gen_random_uuid() as id, x.company_id, 'emergency' as type, tc.channel,
          'user' as recipient_kind, n."userId" as user_id, null::text as phone, x.id as case_id,
          n.id as notification_id, x.msg_params || case when cm.name is not null then jsonb_build_object('place', left(cm.name, 20)) else '{}'::jsonb end as params, x.created_at as at,
          x.msg_expires_at as expires_at
        from n join x on x.id = n."caseId"
        join message_type_channels tc on tc.company_id = x.company_id and tc.type = 'emergency' and tc.enabled
      and tc.channel = any(string_to_array($2::text, ','))
      and (tc.channel <> 'sms' or coalesce(tc.template->>'code', '') <> '')
    join message_senders ms on ms.company_id = tc.company_id and ms.channel = tc.channel
      and (ms.provider = 'dev' or ms.secret is not null)
        left join communities cm on cm.id = x.community_id
        where n.type = 'emergency' and x.msg_params is not null offset 0) g
    ), oc as (
      insert into outbox_messages (id, company_id, type, channel, recipient_kind, user_id, phone,
    case_id, notification_id, params, idempotency_key, next_attempt_at, expires_at, created_at) select g.id, g.company_id, g.type, g.channel, g.recipient_kind, g.user_id, g.phone, g.case_id,
    g.notification_id, g.params, replace(g.id::text, '-', ''), g.at, g.expires_at, g.at from (select gen_random_uuid() as id, x.company_id, 'emergency_on_call' as type, tc.channel,
          'phone' as recipient_kind, null::uuid as user_id, f.on_call_phone as phone, x.id as case_id,
          null::uuid as notification_id, x.msg_params || case when cm.name is not null then jsonb_build_object('place', left(cm.name, 20)) else '{}'::jsonb end as params, x.created_at as at,
          x.msg_expires_at as expires_at
        from x join offices f on f.id = x.office_id and f.company_id = x.company_id and f.on_call_phone is not null
        join companies co on co.id = x.company_id
        join message_type_channels tc on tc.company_id = x.company_id and tc.type = 'emergency_on_call' and tc.enabled
      and tc.channel = any(string_to_array($3::text, ','))
      and (tc.channel <> 'sms' or coalesce(tc.template->>'code', '') <> '')
    join message_senders ms on ms.company_id = tc.company_id and ms.channel = tc.channel
      and (ms.provider = 'dev' or ms.secret is not null)
        left join communities cm on cm.id = x.community_id
        where x.msg_params is not null and not (case when f.desk_closes::time > f.desk_opens::time then (x.received_at at time zone co.time_zone)::time >= f.desk_opens::time and (x.received_at at time zone co.time_zone)::time < f.desk_closes::time
    else f.desk_opens::time = f.desk_closes::time or (x.received_at at time zone co.time_zone)::time >= f.desk_opens::time or (x.received_at at time zone co.time_zone)::time < f.desk_closes::time end) offset 0) g
    )
    select (select count(*)::int from c) as cases, (select json_agg(n) from n) as notices;
-- params:
--   $1 = "[{\"id\":\"55555555-5555-4555-8555-555555555555\",\"company_id\":\"11111111-1111-4111-8111-111111111111\",\"number\":\"TS-2026-000001\",\"channel\":\"phone\",\"kind\":\"complaint\",\"severity\":\"general\",\"category_id\":\"cccccccc-cccc-4ccc-8ccc-cccccccccccc\",\"state\":\"received\",\"received_at\":\"2026-03-10T03:58:00.000Z\",\"created_at\":\"2026-03-10T04:00:00.000Z\",\"recorded_by_id\":\"33333333-3333-4333-8333-333333333333\",\"first_responder_id\":\"33333333-3333-4333-8333-333333333333\",\"office_id\":\"22222222-2222-4222-8222-222222222222\",\"community_id\":\"77777777-7777-4777-8777-777777777777\",\"room_id\":\"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb\",\"reporter_name\":\"王女士\",\"reporter_phone\":\"13800138000\",\"reporter_phone_canonical\":\"13800138000\",\"reporter_anonymous\":false,\"description\":\"电梯困人\",\"search_document\":\"电梯 困人\",\"self_complaint\":false,\"service_complaint\":false,\"next_due_at\":\"2026-03-10T04:28:00.000Z\",\"calendar_unknown\":false,\"timeline_seq\":1,\"timeline_head\":\"b7bfe06aa71e771cf481dec6487d03faf6532786bbca3906c1f9a14d15d428f8\",\"clocks\":[{\"id\":\"99999999-9999-4999-8999-999999999999\",\"name\":\"route\",\"started_at\":\"2026-03-10T03:58:00.000Z\",\"due_at\":\"2026-03-10T04:28:00.000Z\",\"paused_ms\":0,\"calendar_unknown\":false,\"next_check_at\":\"2026-03-10T04:22:00.000Z\"}],\"entries\":[{\"seq\":1,\"at\":\"2026-03-10T04:00:00.000Z\",\"actor_id\":\"33333333-3333-4333-8333-333333333333\",\"type\":\"received\",\"data\":{\"factsHash\":\"064300e9f66cb2799fb31d95a0840179d311a9f36d2be9424f4cff4cf1547f96\"},\"prev_hash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"hash\":\"b7bfe06aa71e771cf481dec6487d03faf6532786bbca3906c1f9a14d15d428f8\"}]},{\"id\":\"88888888-8888-4888-8888-888888888888\",\"company_id\":\"11111111-1111-4111-8111-111111111111\",\"number\":\"ZX-2026-000002\",\"channel\":\"phone\",\"kind\":\"inquiry\",\"severity\":\"general\",\"state\":\"closed\",\"received_at\":\"2026-03-10T03:58:00.000Z\",\"created_at\":\"2026-03-10T04:00:00.000Z\",\"recorded_by_id\":\"33333333-3333-4333-8333-333333333333\",\"first_responder_id\":\"33333333-3333-4333-8333-333333333333\",\"office_id\":\"22222222-2222-4222-8222-222222222222\",\"reporter_anonymous\":false,\"description\":\"咨询停车费\",\"search_document\":\"咨询 停车费\",\"self_complaint\":false,\"service_complaint\":false,\"resolved_at\":\"2026-03-10T04:00:00.000Z\",\"closure\":\"on_the_spot\",\"closed_at\":\"2026-03-10T04:00:00.000Z\",\"calendar_unknown\":false,\"timeline_seq\":2,\"timeline_head\":\"9c4a7d7404711950523ee499d7dbaeed05f38a8b30cabd627630096477942bd8\",\"clocks\":[],\"entries\":[{\"seq\":1,\"at\":\"2026-03-10T04:00:00.000Z\",\"actor_id\":\"33333333-3333-4333-8333-333333333333\",\"type\":\"received\",\"data\":{\"factsHash\":\"9de4d705665fab764b8acdfa732c2f6283b365e63880d0403b605fb19217c334\"},\"prev_hash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"hash\":\"05d49aa848e60bdb71b9a7d79d9ec09fbc24ce73d1d2cb1c74df7da77c3ea5ed\"},{\"seq\":2,\"at\":\"2026-03-10T04:00:00.000Z\",\"actor_id\":\"33333333-3333-4333-8333-333333333333\",\"type\":\"resolved\",\"data\":{\"result\":\"已解释\"},\"prev_hash\":\"05d49aa848e60bdb71b9a7d79d9ec09fbc24ce73d1d2cb1c74df7da77c3ea5ed\",\"hash\":\"9c4a7d7404711950523ee499d7dbaeed05f38a8b30cabd627630096477942bd8\"}]}]"
--   $2 = "sms,webhook"
--   $3 = "sms,webhook"

-- saveClockSql (one clock of a decided action)
insert into case_clocks (company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8,
        $9, $10, $11, $12, $13)
      on conflict (case_id, name) do update set started_at = excluded.started_at, due_at = excluded.due_at,
        met_at = excluded.met_at, warned_at = excluded.warned_at, breached_at = excluded.breached_at,
        paused_at = excluded.paused_at, paused_ms = excluded.paused_ms, stopped_at = excluded.stopped_at,
        calendar_unknown = excluded.calendar_unknown, next_check_at = excluded.next_check_at;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "55555555-5555-4555-8555-555555555555"
--   $3 = "route"
--   $4 = "2026-03-10T03:58:00.000Z"
--   $5 = "2026-03-10T04:28:00.000Z"
--   $6 = "2026-03-10T04:00:00.000Z"
--   $7 = null
--   $8 = null
--   $9 = null
--   $10 = 0
--   $11 = null
--   $12 = false
--   $13 = null

-- lockDueClocksSql (every company)
select k."id" as "id", k."company_id" as "companyId", k."case_id" as "caseId", k."name" as "name", k."started_at" as "startedAt", k."due_at" as "dueAt", k."met_at" as "metAt", k."warned_at" as "warnedAt", k."breached_at" as "breachedAt", k."paused_at" as "pausedAt", k."paused_ms" as "pausedMs", k."stopped_at" as "stoppedAt", k."calendar_unknown" as "calendarUnknown", k."next_check_at" as "nextCheckAt", c.number as "cNumber",
      c.office_id as "cOfficeId", c.escalation_tier as "cTier", c.state as "cState", c.handler_id as "cHandlerId",
      c.first_responder_id as "cFirstResponderId", c.recorded_by_id as "cRecordedById",
      c.callback_assignee_id as "cCallbackAssigneeId", c.target_type as "cTargetType", c.target_id as "cTargetId",
      c.timeline_seq as "cTimelineSeq", c.timeline_head as "cTimelineHead"
    from case_clocks k join cases c on c.id = k.case_id
    where k.next_check_at is not null and k.next_check_at <= $1
      
    order by k.next_check_at
    limit $2
    for update of k, c skip locked;
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = 200

-- lockDueClocksSql (one company)
select k."id" as "id", k."company_id" as "companyId", k."case_id" as "caseId", k."name" as "name", k."started_at" as "startedAt", k."due_at" as "dueAt", k."met_at" as "metAt", k."warned_at" as "warnedAt", k."breached_at" as "breachedAt", k."paused_at" as "pausedAt", k."paused_ms" as "pausedMs", k."stopped_at" as "stoppedAt", k."calendar_unknown" as "calendarUnknown", k."next_check_at" as "nextCheckAt", c.number as "cNumber",
      c.office_id as "cOfficeId", c.escalation_tier as "cTier", c.state as "cState", c.handler_id as "cHandlerId",
      c.first_responder_id as "cFirstResponderId", c.recorded_by_id as "cRecordedById",
      c.callback_assignee_id as "cCallbackAssigneeId", c.target_type as "cTargetType", c.target_id as "cTargetId",
      c.timeline_seq as "cTimelineSeq", c.timeline_head as "cTimelineHead"
    from case_clocks k join cases c on c.id = k.case_id
    where k.next_check_at is not null and k.next_check_at <= $1
      and k.company_id = $2
    order by k.next_check_at
    limit $3
    for update of k, c skip locked;
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = "11111111-1111-4111-8111-111111111111"
--   $3 = 200

-- storeSweepSql (two clocks, two entries, two cases)
update case_clocks k set warned_at = v.warned_at, breached_at = v.breached_at,
      next_check_at = v.next_check_at
    from unnest($1::uuid[],
      $2::timestamptz[],
      $3::timestamptz[],
      $4::timestamptz[]) as v(id, warned_at, breached_at, next_check_at)
    where k.id = any($5::uuid[]) and k.id = v.id;
-- params:
--   $1 = ["99999999-9999-4999-8999-999999999999","aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"]
--   $2 = ["2026-03-10T04:00:00.000Z",null]
--   $3 = [null,"2026-03-10T04:00:00.000Z"]
--   $4 = ["2026-03-10T04:28:00.000Z",null]
--   $5 = ["99999999-9999-4999-8999-999999999999","aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"]
insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
    select v.case_id, v.seq, v.company_id, $1::timestamptz, null, v.type, v.data::jsonb,
      v.prev_hash, v.hash
    from unnest($2::uuid[], $3::int[],
      $4::uuid[], $5::text[],
      $6::text[], $7::text[],
      $8::text[]) as v(case_id, seq, company_id, type, data, prev_hash, hash);
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = ["55555555-5555-4555-8555-555555555555","88888888-8888-4888-8888-888888888888"]
--   $3 = [3,7]
--   $4 = ["11111111-1111-4111-8111-111111111111","11111111-1111-4111-8111-111111111111"]
--   $5 = ["clock_warned","clock_breached"]
--   $6 = ["{\"clock\":\"route\"}","{\"clock\":\"resolve\"}"]
--   $7 = ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"]
--   $8 = ["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"]
update cases c set escalation_tier = v.tier, timeline_seq = v.seq, timeline_head = v.head,
      version = c.version + 1
    from unnest($1::uuid[], $2::int[],
      $3::int[], $4::text[])
      as v(id, tier, seq, head)
    where c.id = any($5::uuid[]) and c.id = v.id;
-- params:
--   $1 = ["55555555-5555-4555-8555-555555555555","88888888-8888-4888-8888-888888888888"]
--   $2 = [0,1]
--   $3 = [3,7]
--   $4 = ["bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"]
--   $5 = ["55555555-5555-4555-8555-555555555555","88888888-8888-4888-8888-888888888888"]

-- storeHistoriesSql (the demo history: a case routed after its intake)
with x as materialized (
      select * from jsonb_to_recordset($1::jsonb) as x(id uuid, company_id uuid,
        version int, state text, updated_at timestamptz, handler_id uuid, department_id uuid, target_type text,
        target_id uuid, visit_at timestamptz, resident_told_at timestamptz, reply_count int, closure text,
        escalation_tier int, satisfaction text, reopen_count int, merged_into_id uuid, invalid boolean,
        closed_unsatisfied boolean, callback_assignee_id uuid, calendar_unknown boolean, resolved_at timestamptz,
        closed_at timestamptz, next_due_at timestamptz, timeline_seq int, timeline_head text, clocks jsonb,
        entries jsonb)
    ), c as (
      update cases c set version = x.version, state = x.state, updated_at = x.updated_at,
        handler_id = x.handler_id, department_id = x.department_id, target_type = x.target_type,
        target_id = x.target_id, visit_at = x.visit_at, resident_told_at = x.resident_told_at,
        reply_count = x.reply_count, closure = x.closure, escalation_tier = x.escalation_tier,
        satisfaction = x.satisfaction, reopen_count = x.reopen_count, merged_into_id = x.merged_into_id,
        invalid = x.invalid, closed_unsatisfied = x.closed_unsatisfied, callback_assignee_id = x.callback_assignee_id,
        calendar_unknown = x.calendar_unknown, resolved_at = x.resolved_at, closed_at = x.closed_at,
        next_due_at = x.next_due_at, timeline_seq = x.timeline_seq, timeline_head = x.timeline_head
      from x where c.id = x.id and c.company_id = x.company_id
      returning c.id
    ), k as (
      insert into case_clocks (id, company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      select y.id, x.company_id, x.id, y.name, y.started_at, y.due_at, y.met_at, y.warned_at, y.breached_at,
        y.paused_at, y.paused_ms, y.stopped_at, y.calendar_unknown, y.next_check_at
      from x cross join jsonb_to_recordset(x.clocks) as y(id uuid, name text,
        started_at timestamptz, due_at timestamptz, met_at timestamptz, warned_at timestamptz,
        breached_at timestamptz, paused_at timestamptz, paused_ms bigint, stopped_at timestamptz,
        calendar_unknown boolean, next_check_at timestamptz)
      on conflict (case_id, name) do update set started_at = excluded.started_at, due_at = excluded.due_at,
        met_at = excluded.met_at, warned_at = excluded.warned_at, breached_at = excluded.breached_at,
        paused_at = excluded.paused_at, paused_ms = excluded.paused_ms, stopped_at = excluded.stopped_at,
        calendar_unknown = excluded.calendar_unknown, next_check_at = excluded.next_check_at
    ), t as (
      insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
      select x.id, y.seq, x.company_id, y.at, y.actor_id, y.type, y.data, y.prev_hash, y.hash
      from x cross join jsonb_to_recordset(x.entries) as y(seq int, at timestamptz, actor_id uuid,
        type text, data jsonb, prev_hash text, hash text)
    )
    select count(*)::int as cases from c;
-- params:
--   $1 = "[{\"id\":\"55555555-5555-4555-8555-555555555555\",\"company_id\":\"11111111-1111-4111-8111-111111111111\",\"version\":2,\"state\":\"routed\",\"updated_at\":\"2026-03-10T04:00:00.000Z\",\"department_id\":\"44444444-4444-4444-8444-444444444444\",\"target_type\":\"department\",\"target_id\":\"44444444-4444-4444-8444-444444444444\",\"resident_told_at\":\"2026-03-10T04:00:00.000Z\",\"reply_count\":0,\"escalation_tier\":0,\"reopen_count\":0,\"invalid\":false,\"closed_unsatisfied\":false,\"calendar_unknown\":false,\"next_due_at\":\"2026-03-10T04:28:00.000Z\",\"timeline_seq\":2,\"timeline_head\":\"8570de72a93cb8fd86643cde20c68ea53fb4de4a21cac21801bd50ae2a218710\",\"clocks\":[{\"id\":\"99999999-9999-4999-8999-999999999999\",\"name\":\"route\",\"started_at\":\"2026-03-10T03:58:00.000Z\",\"due_at\":\"2026-03-10T04:28:00.000Z\",\"met_at\":\"2026-03-10T04:00:00.000Z\",\"paused_ms\":0,\"calendar_unknown\":false}],\"entries\":[{\"seq\":2,\"at\":\"2026-03-10T04:00:00.000Z\",\"actor_id\":\"33333333-3333-4333-8333-333333333333\",\"type\":\"routed\",\"data\":{\"target\":{\"type\":\"department\",\"id\":\"44444444-4444-4444-8444-444444444444\"},\"residentTold\":{\"via\":\"phone\"}},\"prev_hash\":\"b7bfe06aa71e771cf481dec6487d03faf6532786bbca3906c1f9a14d15d428f8\",\"hash\":\"8570de72a93cb8fd86643cde20c68ea53fb4de4a21cac21801bd50ae2a218710\"}]}]"
