-- actorsBySessionsSql (two requests)
select x.i, u.id, u.company_id, u.username, u.name, u.roles,
  array(select uo.office_id::text from user_offices uo where uo.user_id = u.id order by uo.office_id) as office_ids, s.last_seen_at
    from jsonb_to_recordset($1::jsonb) as x(i int, id_hash text, now timestamptz,
      idle_since timestamptz)
    join sessions s on s.id_hash = x.id_hash join users u on u.id = s.user_id
    where s.expires_at > x.now and s.last_seen_at > x.idle_since and u.active;
-- params:
--   $1 = "[{\"i\":0,\"id_hash\":\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"now\":\"2026-03-10T04:00:00.000Z\",\"idle_since\":\"2026-03-10T03:30:00.000Z\"},{\"i\":1,\"id_hash\":\"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\",\"now\":\"2026-03-10T04:00:00.250Z\",\"idle_since\":\"2026-03-10T03:30:00.250Z\"}]"
