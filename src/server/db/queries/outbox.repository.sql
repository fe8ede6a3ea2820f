-- insertOutboxForNotificationsSql (an emergency and a webhook-only bell type)
insert into outbox_messages (id, company_id, type, channel, recipient_kind, user_id, phone,
    case_id, notification_id, params, idempotency_key, next_attempt_at, expires_at, created_at)
    select g.id, g.company_id, g.type, g.channel, g.recipient_kind, g.user_id, g.phone, g.case_id,
    g.notification_id, g.params, replace(g.id::text, '-', ''), g.at, g.expires_at, g.at from (
      select gen_random_uuid() as id, n.company_id, v.type, tc.channel, 'user' as recipient_kind, n.user_id,
        null::text as phone, n.case_id, n.id as notification_id,
        v.params::jsonb || (case when v.type_place then case when cm.name is not null then jsonb_build_object('place', left(cm.name, 20)) else '{}'::jsonb end else '{}'::jsonb end) as params,
        $1::timestamptz as at, v.expires_at
      from unnest($2::uuid[],
        $3::text[],
        $4::text[],
        $5::text[],
        $6::boolean[],
        $7::timestamptz[])
        as v(notification_id, type, allowed, params, type_place, expires_at)
      join notifications n on n.id = v.notification_id
      join message_type_channels tc on tc.company_id = n.company_id and tc.type = v.type and tc.enabled
      and tc.channel = any(string_to_array(v.allowed, ','))
      and (tc.channel <> 'sms' or coalesce(tc.template->>'code', '') <> '')
    join message_senders ms on ms.company_id = tc.company_id and ms.channel = tc.channel
      and (ms.provider = 'dev' or ms.secret is not null)
      left join cases c on c.id = n.case_id and c.company_id = n.company_id
      left join communities cm on cm.id = c.community_id
      offset 0
    ) g;
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = ["00000000-0000-4000-8000-000000000011","00000000-0000-4000-8000-000000000012"]
--   $3 = ["emergency","assigned"]
--   $4 = ["sms,webhook","webhook"]
--   $5 = ["{\"number\":\"TS-2026-000001\",\"kind\":\"报修\"}","{\"number\":\"TS-2026-000002\"}"]
--   $6 = [true,false]
--   $7 = ["2026-03-10T06:00:00.000Z","2026-03-10T04:00:00.000Z"]

-- enqueueSql (an on-call phone by switches; a test send on one channel)
insert into outbox_messages (id, company_id, type, channel, recipient_kind, user_id, phone,
    case_id, notification_id, params, idempotency_key, next_attempt_at, expires_at, created_at)
    select g.id, g.company_id, g.type, g.channel, g.recipient_kind, g.user_id, g.phone, g.case_id,
    g.notification_id, g.params, replace(g.id::text, '-', ''), g.at, g.expires_at, g.at from (
      select gen_random_uuid() as id, v.company_id, v.type, ch.channel, v.recipient_kind, v.user_id, v.phone,
        v.case_id, null::uuid as notification_id, v.params::jsonb as params,
        $1::timestamptz as at, v.expires_at
      from unnest($2::uuid[], $3::text[],
        $4::text[],
        $5::boolean[],
        $6::text[],
        $7::uuid[],
        $8::text[],
        $9::uuid[],
        $10::text[],
        $11::timestamptz[])
        as v(company_id, type, channels, by_switch, recipient_kind, user_id, phone, case_id, params, expires_at)
      cross join unnest(string_to_array(v.channels, ',')) as ch(channel)
      join message_senders ms on ms.company_id = v.company_id and ms.channel = ch.channel
        and (ms.provider = 'dev' or ms.secret is not null)
      left join message_type_channels tc on tc.company_id = v.company_id and tc.type = v.type and tc.channel = ch.channel
      where not v.by_switch or (coalesce(tc.enabled, false)
        and (ch.channel <> 'sms' or coalesce(tc.template->>'code', '') <> ''))
      offset 0
    ) g
    returning id, channel;
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = ["11111111-1111-4111-8111-111111111111","11111111-1111-4111-8111-111111111111"]
--   $3 = ["emergency_on_call","test"]
--   $4 = ["sms,webhook","webhook"]
--   $5 = [true,false]
--   $6 = ["phone","user"]
--   $7 = [null,"33333333-3333-4333-8333-333333333333"]
--   $8 = ["13812345678",null]
--   $9 = ["55555555-5555-4555-8555-555555555555",null]
--   $10 = ["{\"number\":\"TS-2026-000001\"}","{}"]
--   $11 = ["2026-03-10T04:00:00.000Z","2026-03-10T04:00:00.000Z"]

-- claimSql (200, lease 60 s)
with due as (
      select id from outbox_messages
      where status in ('pending', 'sending') and next_attempt_at <= $1::timestamptz
      order by next_attempt_at
      limit $2
      for update skip locked
    ), claimed as (
      update outbox_messages m set status = 'sending', attempts = m.attempts + 1,
        next_attempt_at = $3::timestamptz,
        last_attempt_at = $4::timestamptz
      from due where m.id = due.id
      returning m.*
    )
    select claimed.id, claimed.company_id, claimed.type, claimed.channel, claimed.recipient_kind, claimed.user_id,
      claimed.resident_account_id, claimed.phone, claimed.case_id, claimed.params, claimed.locale,
      claimed.idempotency_key, claimed.attempts, claimed.expires_at, claimed.created_at,
      u.phone as user_phone, u.job_number as user_job_number, tc.template, ms.provider,
      ms.version as sender_version, ms.settings as sender_settings, ms.secret as sender_secret
    from claimed
    left join users u on u.id = claimed.user_id and u.company_id = claimed.company_id
    left join message_type_channels tc on tc.company_id = claimed.company_id and tc.type = claimed.type
      and tc.channel = claimed.channel
    left join message_senders ms on ms.company_id = claimed.company_id and ms.channel = claimed.channel;
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = 200
--   $3 = "2026-03-10T04:01:00.000Z"
--   $4 = "2026-03-10T04:00:00.000Z"

-- recordResultsSql (a sent and a retried message)
with r as (
      select * from unnest($1::uuid[], $2::uuid[],
        $3::int[], $4::text[], $5::text[],
        $6::text[], $7::timestamptz[],
        $8::timestamptz[],
        $9::timestamptz[], $10::int[],
        $11::text[], $12::text[])
        as r(id, company_id, attempt, status, outcome, code, next_attempt_at, started_at, finished_at, http_status,
          provider_message_id, detail)
    ), u as (
      update outbox_messages m set status = r.status, last_code = r.code,
        next_attempt_at = coalesce(r.next_attempt_at, r.finished_at),
        sent_at = case when r.status = 'sent' then r.finished_at else m.sent_at end,
        provider_message_id = coalesce(r.provider_message_id, m.provider_message_id)
      from r
      where m.id = r.id and m.status = 'sending' and m.attempts = r.attempt
      returning m.id
    )
    insert into outbox_attempts (message_id, company_id, attempt, started_at, finished_at, outcome, code,
      http_status, provider_message_id, detail)
    select r.id, r.company_id, r.attempt, r.started_at, r.finished_at, r.outcome, r.code, r.http_status,
      r.provider_message_id, r.detail
    from r join u on u.id = r.id
    returning message_id;
-- params:
--   $1 = ["00000000-0000-4000-8000-000000000021","00000000-0000-4000-8000-000000000022"]
--   $2 = ["11111111-1111-4111-8111-111111111111","11111111-1111-4111-8111-111111111111"]
--   $3 = [1,3]
--   $4 = ["sent","pending"]
--   $5 = ["sent","retry"]
--   $6 = ["OK","http_503"]
--   $7 = [null,"2026-03-10T04:02:00.000Z"]
--   $8 = ["2026-03-10T04:00:00.000Z","2026-03-10T04:00:00.000Z"]
--   $9 = ["2026-03-10T04:00:00.000Z","2026-03-10T04:00:00.000Z"]
--   $10 = [200,503]
--   $11 = ["biz-1",null]
--   $12 = [null,null]

-- listMessagesSql (failed SMS; its capped count)
select m.id, m.type, m.channel, m.recipient_kind, m.user_id, u.name as user_name, m.phone,
    m.case_id, c.number as case_number, m.status, m.attempts, m.last_code, m.next_attempt_at, m.expires_at,
    m.sent_at, m.created_at
  from outbox_messages m
  left join users u on u.id = m.user_id
  left join cases c on c.id = m.case_id where m.company_id = $1 and m.status = $2 and m.channel = $3 order by m.created_at desc, m.id desc limit $4;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "failed"
--   $3 = "sms"
--   $4 = 21
select count(*)::int as n from (select 1 from outbox_messages m where m.company_id = $1 and m.status = $2 and m.channel = $3 limit $4) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "failed"
--   $3 = "sms"
--   $4 = 10001
