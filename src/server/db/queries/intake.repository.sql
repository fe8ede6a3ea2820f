-- intakeLookupsSql (two intakes)
select x.i, co.time_zone,
      (select json_build_object('clockPolicy', p.clock_policy, 'numberPrefixes', p.number_prefixes,
        'callbackExemptKinds', p.callback_exempt_kinds, 'version', p.version)
        from company_policies p where p.company_id = co.id) as policy,
      a.name as actor_name, a.department_id as actor_department_id,
      array(select d.id::text from departments d where d.head_id = a.id and d.company_id = a.company_id) as actor_head_of,
      case when room.id is null then null else json_build_object('id', room.id, 'community_id', room.community_id,
        'office_id', room.office_id, 'community', room.community, 'building', room.building, 'unit', room.unit,
        'number', room.number) end as room,
      (select json_build_object('id', cat.id, 'name', cat.name, 'ancestor_ids', (
          with recursive up(id, depth) as (
            select cat.parent_id, 1 where cat.parent_id is not null
            union all
            select p.parent_id, up.depth + 1 from categories p join up on p.id = up.id where p.parent_id is not null and up.depth < 20
          ) select json_agg(id order by depth) from up))
        from categories cat where cat.company_id = co.id and cat.id = x.category_id) as category,
      (select json_build_object('id', u.id, 'name', u.name) from users u
        where u.company_id = co.id and u.id = x.first_responder_id and u.active and not u.is_service) as first_responder,
      case when off.id is null then null else json_build_object('id', off.id, 'name', off.name, 'phone', off.phone,
        'director_id', off.director_id, 'director_name', off.director_name) end as office,
      exists (select 1 from users u where u.company_id = co.id and u.id = x.about_employee_id and u.active
        and not u.is_service) as about_active,
      (select json_agg(json_build_object('id', f.id, 'filename', f.filename, 'case_id', f.case_id))
        from attachments f where f.company_id = co.id and f.id = any(x.attachment_ids)) as attachments,
      case when x.emergency then coalesce((select json_agg(json_build_object('id', u.id, 'roles', u.roles,
          'office_ids', array(select uo.office_id::text from user_offices uo where uo.user_id = u.id)))
        from users u where u.company_id = co.id and u.active and 'supervisor' = any(u.roles)), '[]') end
        as emergency_supervisors,
      case when x.emergency then array(select d.head_id::text from departments d
          join users h on h.id = d.head_id and h.active
        where d.company_id = co.id and d.office_id = off.id and d.function = 'engineering') end as emergency_repair_heads
    from jsonb_to_recordset($1::jsonb) as x(i int, company_id uuid, actor_id uuid, first_responder_id uuid,
      room_id uuid, category_id uuid, about_employee_id uuid, attachment_ids uuid[], fallback_office_id uuid,
      emergency boolean)
    join companies co on co.id = x.company_id
    join users a on a.id = x.actor_id and a.company_id = co.id
    left join lateral (
      select r.id, r.community_id, cm.office_id, cm.name as community, b.name as building, bu.name as unit, r.number
      from rooms r join communities cm on cm.id = r.community_id join buildings b on b.id = r.building_id
        left join building_units bu on bu.id = r.unit_id
      where r.company_id = co.id and r.id = x.room_id
    ) room on true
    left join lateral (
      select o.id, o.name, o.phone, o.director_id, dir.name as director_name
      from offices o left join users dir on dir.id = o.director_id
      where o.company_id = co.id and o.id = coalesce(room.office_id,
        (select uo.office_id from user_offices uo where uo.user_id = x.first_responder_id order by uo.office_id limit 1),
        x.fallback_office_id)
    ) off on true;
-- params:
--   $1 = "[{\"i\":0,\"company_id\":\"11111111-1111-4111-8111-111111111111\",\"actor_id\":\"33333333-3333-4333-8333-333333333333\",\"first_responder_id\":\"33333333-3333-4333-8333-333333333333\",\"room_id\":\"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb\",\"category_id\":\"cccccccc-cccc-4ccc-8ccc-cccccccccccc\",\"about_employee_id\":null,\"attachment_ids\":[],\"fallback_office_id\":\"22222222-2222-4222-8222-222222222222\",\"emergency\":false},{\"i\":1,\"company_id\":\"11111111-1111-4111-8111-111111111111\",\"actor_id\":\"33333333-3333-4333-8333-333333333333\",\"first_responder_id\":\"33333333-3333-4333-8333-333333333333\",\"room_id\":null,\"category_id\":null,\"about_employee_id\":null,\"attachment_ids\":[\"55555555-5555-4555-8555-555555555555\"],\"fallback_office_id\":\"22222222-2222-4222-8222-222222222222\",\"emergency\":true}]"

-- drawCaseNumbersSql (two counters, in key order)
with async_commit as (
      select set_config('synchronous_commit', 'off', true)
    )
    insert into case_sequences (company_id, prefix, year, last_value)
    select x.company_id, x.prefix, x.year, x.n
    from jsonb_to_recordset($1::jsonb) as x(ord int, company_id uuid, prefix text, year int, n int),
      async_commit
    order by x.ord
    on conflict (company_id, prefix, year) do update set last_value = case_sequences.last_value + excluded.last_value
    returning company_id, prefix, year, last_value;
-- params:
--   $1 = "[{\"ord\":0,\"company_id\":\"11111111-1111-4111-8111-111111111111\",\"prefix\":\"BX\",\"year\":2026,\"n\":1},{\"ord\":1,\"company_id\":\"11111111-1111-4111-8111-111111111111\",\"prefix\":\"TS\",\"year\":2026,\"n\":2}]"
