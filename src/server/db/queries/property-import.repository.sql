-- loadRegisterSql (buildings, units, rooms, links)
select id, community_id, name from buildings
        where company_id = $1 and community_id = any($2::uuid[]);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["77777777-7777-4777-8777-777777777777"]
select u.id, u.building_id, u.name from building_units u join buildings b on b.id = u.building_id
        where u.company_id = $1 and b.community_id = any($2::uuid[]);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["77777777-7777-4777-8777-777777777777"]
select id, unit_id, number, area::text as area, status from rooms
        where company_id = $1 and community_id = any($2::uuid[]);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["77777777-7777-4777-8777-777777777777"]
select rr.room_id, rr.resident_id, p.name, rr.relation
        from room_residents rr
        join rooms r on r.id = rr.room_id
        join residents p on p.id = rr.resident_id
        where r.company_id = $1 and r.community_id = any($2::uuid[])
        order by p.created_at, p.id;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["77777777-7777-4777-8777-777777777777"]

-- residentPhonesSql
select rp.resident_id, p.name, rp.canonical, rp.extension
        from resident_phones rp join residents p on p.id = rp.resident_id
        where rp.company_id = $1
          and (rp.canonical = any($2::text[]) or rp.resident_id = any($3::uuid[]))
        order by p.created_at, p.id;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["13800138000"]
--   $3 = ["00000000-0000-4000-8000-000000000006"]

-- importBuildingsSql (two rows)
insert into buildings (id, company_id, community_id, name)
          select x.id, $1, x.community_id, x.name
          from unnest($2::uuid[], $3::uuid[], $4::text[])
               as x(id, community_id, name)
          on conflict (community_id, name) do update set name = excluded.name
          returning id, community_id, name;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000002"]
--   $3 = ["77777777-7777-4777-8777-777777777777","77777777-7777-4777-8777-777777777777"]
--   $4 = ["3号楼","4号楼"]

-- importUnitsSql (two rows)
insert into building_units (id, company_id, building_id, name)
          select x.id, $1, x.building_id, x.name
          from unnest($2::uuid[], $3::uuid[],
                      $4::text[]) as x(id, building_id, name)
          on conflict (building_id, name) do update set name = excluded.name
          returning id, building_id, name;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["00000000-0000-4000-8000-000000000003","00000000-0000-4000-8000-000000000004"]
--   $3 = ["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000001"]
--   $4 = ["2单元","3单元"]

-- importRoomsSql (two rows)
insert into rooms (id, company_id, community_id, building_id, unit_id, number, area, status)
          select x.id, $1, x.community_id, x.building_id, x.unit_id, x.number, x.area, x.status
          from unnest($2::uuid[], $3::uuid[],
                      $4::uuid[], $5::uuid[],
                      $6::text[], $7::numeric[], $8::text[])
               as x(id, community_id, building_id, unit_id, number, area, status)
          on conflict (unit_id, number) do update
            set area = coalesce(excluded.area, rooms.area), status = excluded.status,
                updated_at = $9, version = rooms.version + 1
          returning id, unit_id, number;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb","00000000-0000-4000-8000-000000000005"]
--   $3 = ["77777777-7777-4777-8777-777777777777","77777777-7777-4777-8777-777777777777"]
--   $4 = ["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000001"]
--   $5 = ["00000000-0000-4000-8000-000000000003","00000000-0000-4000-8000-000000000003"]
--   $6 = ["501","502"]
--   $7 = [89.5,null]
--   $8 = ["occupied","vacant"]
--   $9 = "2026-03-10T04:00:00.000Z"

-- importRoomUpdatesSql (two rows)
update rooms set area = coalesce(x.area, rooms.area), status = coalesce(x.status, rooms.status),
            updated_at = $1, version = rooms.version + 1
          from unnest($2::uuid[], $3::numeric[], $4::text[])
               as x(id, area, status)
          where rooms.id = x.id and rooms.company_id = $5;
-- params:
--   $1 = "2026-03-10T04:00:00.000Z"
--   $2 = ["bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb","00000000-0000-4000-8000-000000000005"]
--   $3 = [90,null]
--   $4 = [null,"occupied"]
--   $5 = "11111111-1111-4111-8111-111111111111"

-- importResidentsSql (two rows)
insert into residents (id, company_id, name, created_at, updated_at)
          select x.id, $1, x.name, $2, $3
          from unnest($4::uuid[], $5::text[]) as x(id, name);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-03-10T04:00:00.000Z"
--   $3 = "2026-03-10T04:00:00.000Z"
--   $4 = ["00000000-0000-4000-8000-000000000006","00000000-0000-4000-8000-000000000007"]
--   $5 = ["王芳","李强"]

-- importPhonesSql (two rows)
insert into resident_phones (company_id, resident_id, raw, canonical, extension)
          select $1, x.resident_id, x.raw, x.canonical, x.extension
          from unnest($2::uuid[], $3::text[], $4::text[],
                      $5::text[]) as x(resident_id, raw, canonical, extension)
          on conflict (resident_id, canonical, coalesce(extension, '')) do nothing;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["00000000-0000-4000-8000-000000000006","00000000-0000-4000-8000-000000000007"]
--   $3 = ["138-0013-8000","0571-87654321转8001"]
--   $4 = ["13800138000","057187654321"]
--   $5 = [null,"8001"]

-- importLinksSql (two rows)
insert into room_residents (room_id, resident_id, company_id, relation)
          select x.room_id, x.resident_id, $1, x.relation
          from unnest($2::uuid[], $3::uuid[],
                      $4::text[]) as x(room_id, resident_id, relation)
          on conflict (room_id, resident_id) do update set relation = excluded.relation
            where room_residents.relation is distinct from excluded.relation;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = ["bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb","bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"]
--   $3 = ["00000000-0000-4000-8000-000000000006","00000000-0000-4000-8000-000000000007"]
--   $4 = ["owner","family"]

-- exportRowsSql (the whole company)
select c.name as community, b.name as building, u.name as unit, r.number, r.area::text as area, r.status,
          p.name as resident_name, rr.relation,
          -- no column records the order phones were given in; ctid follows insertion order in practice
          (select string_agg(ph.raw, '/' order by ph.ctid) from resident_phones ph where ph.resident_id = p.id) as phones
        from rooms r
        join communities c on c.id = r.community_id
        join buildings b on b.id = r.building_id
        join building_units u on u.id = r.unit_id
        left join room_residents rr on rr.room_id = r.id
        left join residents p on p.id = rr.resident_id
        where r.company_id = $1;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"

-- exportRowsSql (one community, two offices in scope)
select c.name as community, b.name as building, u.name as unit, r.number, r.area::text as area, r.status,
          p.name as resident_name, rr.relation,
          -- no column records the order phones were given in; ctid follows insertion order in practice
          (select string_agg(ph.raw, '/' order by ph.ctid) from resident_phones ph where ph.resident_id = p.id) as phones
        from rooms r
        join communities c on c.id = r.community_id
        join buildings b on b.id = r.building_id
        join building_units u on u.id = r.unit_id
        left join room_residents rr on rr.room_id = r.id
        left join residents p on p.id = rr.resident_id
        where r.company_id = $1
          and r.community_id = $2
          and c.office_id = any($3::uuid[]);
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "77777777-7777-4777-8777-777777777777"
--   $3 = ["22222222-2222-4222-8222-222222222222","66666666-6666-4666-8666-666666666666"]
