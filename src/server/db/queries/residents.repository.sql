-- bindingsPageSql (pending, one office, second page)
select b.id, b.status, b.source, b.reason, b.decided_at as "decidedAt", b.created_at as "createdAt",
      b.version, b.decided_by_id as "decidedById", d.name as "decidedByName", r.id as "roomId",
      cm.office_id as "officeId", cm.name as community, bd.name as building, bu.name as unit, r.number,
      a.phone
    from resident_bindings b
    join resident_accounts a on a.id = b.account_id
    join rooms r on r.id = b.room_id
    join communities cm on cm.id = r.community_id
    join buildings bd on bd.id = r.building_id
    join building_units bu on bu.id = r.unit_id
    left join users d on d.id = b.decided_by_id
    where b.company_id = $1 and b.status = any($2::text[]) and cm.office_id = any($3::uuid[]) and (b.created_at, b.id) > ($4::timestamptz, $5::uuid)
    order by b.created_at, b.id limit $6;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["pending"]
--   $3 = ["22222222-2222-4222-8222-222222222222"]
--   $4 = "2026-01-31T16:00:00.000Z"
--   $5 = "55555555-5555-4555-8555-555555555555"
--   $6 = 51

-- bindingsFromWhereSql (its capped count)
select count(*)::int as n from (select 1 from resident_bindings b
    join resident_accounts a on a.id = b.account_id
    join rooms r on r.id = b.room_id
    join communities cm on cm.id = r.community_id
    join buildings bd on bd.id = r.building_id
    join building_units bu on bu.id = r.unit_id
    left join users d on d.id = b.decided_by_id
    where b.company_id = $1 and b.status = any($2::text[]) and cm.office_id = any($3::uuid[]) limit $4) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["pending"]
--   $3 = ["22222222-2222-4222-8222-222222222222"]
--   $4 = 10001
