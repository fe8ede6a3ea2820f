-- linkToOpenPlaceProblemsSql
with w as materialized (select c.id, c.community_id, r.building_id, c.room_id, c.category_id
  from cases c join rooms r on r.id = c.room_id
  where c.company_id = $1 and c.received_at >= $2 and c.received_at <= $3
    and c.kind in ($4, $5) and c.merged_into_id is null and not c.invalid and c.category_id is not null),
    k as (select w.id, v.lvl, v.scope_type || ':' || v.scope_id || ':' || w.category_id as key from w
      cross join lateral (values (0, 'room', w.room_id), (1, 'building', w.building_id), (2, 'community', w.community_id))
        v(lvl, scope_type, scope_id)),
    m as (select distinct on (k.id) k.id as case_id, p.id as problem_id
      from k join problems p on p.company_id = $6 and p.status = 'open' and p.cluster_key = k.key
      order by k.id, k.lvl)
    insert into problem_cases (problem_id, case_id, company_id)
    select m.problem_id, m.case_id, $7::uuid from m
    where not exists (select 1 from problem_cases pc join problems p on p.id = pc.problem_id
      where pc.case_id = m.case_id and p.status = 'open' and p.scope_type <> 'similar_text')
    on conflict do nothing;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-02-08T04:00:00.000Z"
--   $3 = "2026-03-10T04:00:00.000Z"
--   $4 = "complaint"
--   $5 = "repair"
--   $6 = "11111111-1111-4111-8111-111111111111"
--   $7 = "11111111-1111-4111-8111-111111111111"

-- placeCandidatesSql
with w as materialized (select c.id, c.community_id, r.building_id, c.room_id, c.category_id
  from cases c join rooms r on r.id = c.room_id
  where c.company_id = $1 and c.received_at >= $2 and c.received_at <= $3
    and c.kind in ($4, $5) and c.merged_into_id is null and not c.invalid and c.category_id is not null),
    k as (select w.*, v.scope_type, v.scope_id from w
      cross join lateral (values ('room', w.room_id), ('building', w.building_id), ('community', w.community_id)) v(scope_type, scope_id))
    select k.scope_type, k.scope_id, k.category_id,
      array_agg(k.id::text order by k.id) as ids,
      array_agg(k.room_id::text order by k.id) as room_ids,
      array_agg(k.building_id::text order by k.id) as building_ids
    from k
    where not exists (select 1 from problem_cases pc join problems p on p.id = pc.problem_id
      where pc.case_id = k.id and (p.status = 'open' or p.cluster_key = k.scope_type || ':' || k.scope_id || ':' || k.category_id))
    group by k.scope_type, k.scope_id, k.category_id
    having count(*) >= $6;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "2026-02-08T04:00:00.000Z"
--   $3 = "2026-03-10T04:00:00.000Z"
--   $4 = "complaint"
--   $5 = "repair"
--   $6 = 3

-- textCasesSql
select c.id, c.community_id, c.category_id,
      left(c.description, 300) as description,
      l.open_similar_id, coalesce(l.in_open, false) as in_open, coalesce(l.in_closed_similar, false) as in_closed_similar
    from cases c
    left join (
      select pc.case_id,
        (array_agg(p.id::text order by p.detected_at) filter (where p.status = 'open' and p.scope_type = 'similar_text'))[1] as open_similar_id,
        bool_or(p.status = 'open') as in_open,
        bool_or(p.status <> 'open' and p.scope_type = 'similar_text') as in_closed_similar
      from problems p join problem_cases pc on pc.problem_id = p.id
      where p.company_id = $1 and (p.status = 'open' or p.scope_type = 'similar_text')
      group by pc.case_id
    ) l on l.case_id = c.id
    where c.company_id = $2 and c.received_at >= $3 and c.received_at <= $4
      and c.kind in ($5, $6) and c.merged_into_id is null and not c.invalid and c.community_id is not null
      -- only what the pass can use: members of open similar-text problems, and cases in no open problem that were
      -- never in a closed similar-text one (a building's leaks already in its place problem are not compared)
      and (l.open_similar_id is not null or (not coalesce(l.in_open, false) and not coalesce(l.in_closed_similar, false)))
    order by c.received_at desc, c.id desc
    limit $7;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "11111111-1111-4111-8111-111111111111"
--   $3 = "2026-02-08T04:00:00.000Z"
--   $4 = "2026-03-10T04:00:00.000Z"
--   $5 = "complaint"
--   $6 = "repair"
--   $7 = 50000
