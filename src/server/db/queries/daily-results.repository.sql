-- officeResultsSql
select c.company_id as "companyId", c.office_id as "officeId", o.director_id as "directorId",
      count(*)::int as count
    from cases c
    join companies co on co.id = c.company_id and co.time_zone = $1
    join offices o on o.id = c.office_id and o.director_id is not null
    where c.resolved_at >= $2 and c.resolved_at < $3
      and c.kind <> 'complaint' and c.severity = 'general'
      and not exists (select 1 from notifications n where n.user_id = o.director_id and n.type = 'daily_results'
        and n.data->>'day' = $4 and n.data->>'officeId' = c.office_id::text)
    group by c.company_id, c.office_id, o.director_id;
-- params:
--   $1 = "Asia/Shanghai"
--   $2 = "2026-03-08T16:00:00.000Z"
--   $3 = "2026-03-09T16:00:00.000Z"
--   $4 = "2026-03-09"
