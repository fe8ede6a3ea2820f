-- readStatesSql
select r.year, r.month, r.data,
      r.computed_snapshot is not null and not exists (select 1 from report_month_rollup_changes ch
        where ch.company_id = r.company_id and ch.at >= r.period_start and ch.at < r.period_end and (r.office_key = $1::uuid or ch.office_id is null or ch.office_id = r.office_key)
  and ch.source = any(case r.part when 'trend' then array['cases', 'events'] when 'received' then array['cases']
    else array[r.part] end)
          and not pg_visible_in_snapshot(ch.xid, r.computed_snapshot)) as fresh,
      -- once computed, the writers of its creation had ended: the lock table is read only for rows never computed
      r.computed_snapshot is not null or (r.created_lockers is not null and not exists (select 1 from pg_locks l
        where l.locktype = 'virtualxid' and l.virtualxid = any(r.created_lockers))) as settled
    from unnest($2::int[],
    $3::int[],
    $4::timestamptz[],
    $5::timestamptz[]) as m(year, month, period_start, period_end) join report_month_rollups r on r.company_id = $6 and r.part = $7
  and r.office_key = $8::uuid and r.year = m.year
      and r.month = m.month and r.period_start = m.period_start and r.period_end = m.period_end;
-- params:
--   $1 = "00000000-0000-0000-0000-000000000000"
--   $2 = [2026,2026]
--   $3 = [1,2]
--   $4 = ["2025-12-31T16:00:00.000Z","2026-01-31T16:00:00.000Z"]
--   $5 = ["2026-01-31T16:00:00.000Z","2026-02-28T16:00:00.000Z"]
--   $6 = "11111111-1111-4111-8111-111111111111"
--   $7 = "received"
--   $8 = "22222222-2222-4222-8222-222222222222"

-- createRowsSql (dropMoved)
delete from report_month_rollups r using unnest($1::int[],
    $2::int[],
    $3::timestamptz[],
    $4::timestamptz[]) as m(year, month, period_start, period_end)
    where r.company_id = $5 and r.part = $6
  and r.office_key = $7::uuid and r.year = m.year and r.month = m.month
      and (r.period_start <> m.period_start or r.period_end <> m.period_end);
-- params:
--   $1 = [2026,2026]
--   $2 = [1,2]
--   $3 = ["2025-12-31T16:00:00.000Z","2026-01-31T16:00:00.000Z"]
--   $4 = ["2026-01-31T16:00:00.000Z","2026-02-28T16:00:00.000Z"]
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "received"
--   $7 = "22222222-2222-4222-8222-222222222222"

-- createRowsSql (insert)
insert into report_month_rollups
      (company_id, year, month, part, office_key, period_start, period_end)
    select $1, m.year, m.month, $2, $3::uuid, m.period_start, m.period_end
    from unnest($4::int[],
    $5::int[],
    $6::timestamptz[],
    $7::timestamptz[]) as m(year, month, period_start, period_end)
    on conflict do nothing;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "received"
--   $3 = "22222222-2222-4222-8222-222222222222"
--   $4 = [2026,2026]
--   $5 = [1,2]
--   $6 = ["2025-12-31T16:00:00.000Z","2026-01-31T16:00:00.000Z"]
--   $7 = ["2026-01-31T16:00:00.000Z","2026-02-28T16:00:00.000Z"]

-- createRowsSql (recordLockers)
update report_month_rollups r set created_lockers = coalesce((
      select array_agg(distinct l.virtualtransaction) from pg_locks l
      where l.locktype = 'relation' and l.mode = 'RowExclusiveLock'
        and l.database = (select oid from pg_database where datname = current_database())
        and l.relation in ('cases'::regclass, 'case_clocks'::regclass, 'case_timeline'::regclass)
        and l.pid <> pg_backend_pid()), '{}')
    from unnest($1::int[],
    $2::int[],
    $3::timestamptz[],
    $4::timestamptz[]) as m(year, month, period_start, period_end)
    where r.company_id = $5 and r.part = $6
  and r.office_key = $7::uuid and r.year = m.year and r.month = m.month and r.created_lockers is null;
-- params:
--   $1 = [2026,2026]
--   $2 = [1,2]
--   $3 = ["2025-12-31T16:00:00.000Z","2026-01-31T16:00:00.000Z"]
--   $4 = ["2026-01-31T16:00:00.000Z","2026-02-28T16:00:00.000Z"]
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "received"
--   $7 = "22222222-2222-4222-8222-222222222222"

-- lockForComputeSql
set local work_mem = '64MB';
set local max_parallel_workers_per_gather = 0;
select pg_advisory_xact_lock_shared(hashtext('huiyin.month_rollups'), hashtext($1));
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
select 1 from report_month_rollups r join unnest($1::int[],
    $2::int[],
    $3::timestamptz[],
    $4::timestamptz[]) as m(year, month, period_start, period_end)
        on r.year = m.year and r.month = m.month
      where r.company_id = $5 and r.part = $6
  and r.office_key = $7::uuid order by r.year, r.month for update of r;
-- params:
--   $1 = [2026]
--   $2 = [2]
--   $3 = ["2026-01-31T16:00:00.000Z"]
--   $4 = ["2026-02-28T16:00:00.000Z"]
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "received"
--   $7 = "22222222-2222-4222-8222-222222222222"

-- computeAndStoreSql (trend, two months)
with m as (select * from unnest($1::int[],
    $2::int[],
    $3::timestamptz[],
    $4::timestamptz[]) as m(year, month, period_start, period_end)),
    received as (
      select m.year, m.month, c.office_id, c.community_id, count(*)::int as received,
        count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as complaints,
        0 as resolved
      from m join cases c on c.company_id = $5
        and c.received_at >= m.period_start and c.received_at < m.period_end
      group by 1, 2, 3, 4),
    resolved as (
      select m.year, m.month, c.office_id, c.community_id, 0, 0, count(distinct t.case_id)::int
      from m join case_timeline t on t.company_id = $6 and t.type = 'resolved'
          and t.at >= m.period_start and t.at < m.period_end
        left join cases c on c.id = t.case_id and c.company_id = $7
      group by 1, 2, 3, 4),
    cells as (
      select year, month, office_id, community_id, sum(received)::int as received,
        sum(complaints)::int as complaints, sum(resolved)::int as resolved
      from (select * from received union all select * from resolved) u
      group by 1, 2, 3, 4),
    result as (
      select m.year, m.month, coalesce(jsonb_agg(jsonb_build_object('officeId', cells.office_id,
          'communityId', cells.community_id, 'received', cells.received, 'complaints', cells.complaints,
          'resolved', cells.resolved)) filter (where cells.year is not null), '[]'::jsonb) as data
      from m left join cells on cells.year = m.year and cells.month = m.month
      group by m.year, m.month)
      update report_month_rollups r set data = result.data, computed_snapshot = pg_current_snapshot(),
        computed_at = now()
      from result
      where r.company_id = $8 and r.part = $9
  and r.office_key = $10::uuid and r.year = result.year and r.month = result.month
      returning r.year, r.month, r.data;
-- params:
--   $1 = [2026,2026]
--   $2 = [1,2]
--   $3 = ["2025-12-31T16:00:00.000Z","2026-01-31T16:00:00.000Z"]
--   $4 = ["2026-01-31T16:00:00.000Z","2026-02-28T16:00:00.000Z"]
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "11111111-1111-4111-8111-111111111111"
--   $7 = "11111111-1111-4111-8111-111111111111"
--   $8 = "11111111-1111-4111-8111-111111111111"
--   $9 = "trend"
--   $10 = "00000000-0000-0000-0000-000000000000"

-- computeAndStoreSql (a summary part: oneMonth)
with result as (select $1::int as year, $2::int as month,
    coalesce((select jsonb_agg(to_jsonb(x)) from (select c.community_id, c.kind, c.category_id, c.channel, c.severity,
      count(*)::int as received,
      count(*) filter (where not c.invalid and c.merged_into_id is null)::int as counted,
      count(*) filter (where c.invalid)::int as invalid,
      count(*) filter (where c.merged_into_id is not null and not c.invalid)::int as merged,
      count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as valid_complaints
    from cases c
    where c.company_id = $3 and c.office_id = $4 and c.received_at >= $5 and c.received_at < $6
    group by c.community_id, c.kind, c.category_id, c.channel, c.severity) x), '[]'::jsonb) as data)
      update report_month_rollups r set data = result.data, computed_snapshot = pg_current_snapshot(),
        computed_at = now()
      from result
      where r.company_id = $7 and r.part = $8
  and r.office_key = $9::uuid and r.year = result.year and r.month = result.month
      returning r.year, r.month, r.data;
-- params:
--   $1 = 2026
--   $2 = 2
--   $3 = "11111111-1111-4111-8111-111111111111"
--   $4 = "22222222-2222-4222-8222-222222222222"
--   $5 = "2026-01-31T16:00:00.000Z"
--   $6 = "2026-02-28T16:00:00.000Z"
--   $7 = "11111111-1111-4111-8111-111111111111"
--   $8 = "received"
--   $9 = "22222222-2222-4222-8222-222222222222"

-- computeLiveSql (trend)
with m as (select * from unnest($1::int[],
    $2::int[],
    $3::timestamptz[],
    $4::timestamptz[]) as m(year, month, period_start, period_end)),
    received as (
      select m.year, m.month, c.office_id, c.community_id, count(*)::int as received,
        count(*) filter (where c.kind = 'complaint' and not c.invalid and c.merged_into_id is null)::int as complaints,
        0 as resolved
      from m join cases c on c.company_id = $5
        and c.received_at >= m.period_start and c.received_at < m.period_end
      group by 1, 2, 3, 4),
    resolved as (
      select m.year, m.month, c.office_id, c.community_id, 0, 0, count(distinct t.case_id)::int
      from m join case_timeline t on t.company_id = $6 and t.type = 'resolved'
          and t.at >= m.period_start and t.at < m.period_end
        left join cases c on c.id = t.case_id and c.company_id = $7
      group by 1, 2, 3, 4),
    cells as (
      select year, month, office_id, community_id, sum(received)::int as received,
        sum(complaints)::int as complaints, sum(resolved)::int as resolved
      from (select * from received union all select * from resolved) u
      group by 1, 2, 3, 4),
    result as (
      select m.year, m.month, coalesce(jsonb_agg(jsonb_build_object('officeId', cells.office_id,
          'communityId', cells.community_id, 'received', cells.received, 'complaints', cells.complaints,
          'resolved', cells.resolved)) filter (where cells.year is not null), '[]'::jsonb) as data
      from m left join cells on cells.year = m.year and cells.month = m.month
      group by m.year, m.month) select year, month, data from result;
-- params:
--   $1 = [2026]
--   $2 = [2]
--   $3 = ["2026-01-31T16:00:00.000Z"]
--   $4 = ["2026-02-28T16:00:00.000Z"]
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "11111111-1111-4111-8111-111111111111"
--   $7 = "11111111-1111-4111-8111-111111111111"

-- tryLockCompanySql
select pg_try_advisory_xact_lock(hashtext('huiyin.month_rollups'), hashtext($1)) as locked;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"

-- forgetCountedSql
delete from report_month_rollup_changes ch using unnest($1::int[],
    $2::int[],
    $3::timestamptz[],
    $4::timestamptz[]) as m(year, month, period_start, period_end)
      where ch.company_id = $5 and ch.at >= m.period_start and ch.at < m.period_end
        and not exists (select 1 from report_month_rollups r
          where r.company_id = ch.company_id and r.period_start <= ch.at and ch.at < r.period_end and (r.office_key = $6::uuid or ch.office_id is null or ch.office_id = r.office_key)
  and ch.source = any(case r.part when 'trend' then array['cases', 'events'] when 'received' then array['cases']
    else array[r.part] end)
            and not pg_visible_in_snapshot(ch.xid, r.computed_snapshot));
-- params:
--   $1 = [2026,2026]
--   $2 = [1,2]
--   $3 = ["2025-12-31T16:00:00.000Z","2026-01-31T16:00:00.000Z"]
--   $4 = ["2026-01-31T16:00:00.000Z","2026-02-28T16:00:00.000Z"]
--   $5 = "11111111-1111-4111-8111-111111111111"
--   $6 = "00000000-0000-0000-0000-000000000000"
