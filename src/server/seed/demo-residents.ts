/**
 * The demo's residents who use the H5 (RESIDENT-1…3): accounts of register phones bound to their rooms at their
 * first sign-in, over the history's months; a few requests for rooms the register does not list with the phone —
 * waiting in the office's bindings inbox, approved, or declined with the reason the resident reads.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import * as residents from '../residents/residents.repository';
import type { DemoWorld } from './demo-world';

const DAY = 86_400_000;

/** Register phones that signed in, among those of the register (one in six or so). */
const SIGNED_IN_SHARE = 6;

/** Requests for other rooms: the day they were made (days before now), what became of them. */
const REQUESTS: { daysAgo: number; outcome: 'pending' | 'approved' | 'declined'; reason?: string }[] = [
  { daysAgo: 40, outcome: 'approved' },
  { daysAgo: 21, outcome: 'declined', reason: '房号与登记不符，请携带房产证或租赁合同到管理处办理' },
  { daysAgo: 9, outcome: 'approved' },
  { daysAgo: 3, outcome: 'declined', reason: '该房屋已登记业主未确认，请业主本人申请或到前台办理' },
  { daysAgo: 1, outcome: 'pending' },
  { daysAgo: 0.2, outcome: 'pending' },
  { daysAgo: 0.05, outcome: 'pending' },
];

export async function writeDemoResidents(tx: Tx, world: DemoWorld, now: Date): Promise<{ accounts: number }> {
  // Every SIGNED_IN_SHARE-th register mobile signed in some day of the last six months, spread evenly, and the
  // register bound it to its rooms then (RESIDENT-3): two statements, whatever the register's size.
  const { rows: signedIn } = await tx.execute<{ n: number }>(sql`with phones as (
      select distinct p.canonical from resident_phones p
      where p.company_id = ${world.companyId} and p.extension is null and p.canonical ~ '^1[3-9][0-9]{9}$'
    ), picked as (
      select canonical, (row_number() over (order by canonical) - 1)::bigint as i from phones
    ), accounts as (
      insert into resident_accounts (company_id, phone, created_at, last_sign_in_at)
      select ${world.companyId}, canonical, at, at from (
        select canonical, ${now.toISOString()}::timestamptz - ((i * 7919) % 180) * interval '1 day'
          - ((i * 104729) % ${DAY}) * interval '1 millisecond' as at
        from picked where i % ${SIGNED_IN_SHARE} = 0
      ) a
      returning id, phone, last_sign_in_at
    ), bound as (
      insert into resident_bindings (company_id, account_id, room_id, status, source, created_at, decided_at)
      select distinct ${world.companyId}::uuid, a.id, rr.room_id, 'approved', 'register', a.last_sign_in_at,
        a.last_sign_in_at
      from accounts a
      join resident_phones p on p.company_id = ${world.companyId} and p.canonical = a.phone and p.extension is null
      join room_residents rr on rr.resident_id = p.resident_id
      returning 1
    ) select (select count(*) from accounts)::int as n`);
  let accounts = signedIn[0].n;

  // Phones the register does not know (a tenant, a relative) asking for rooms of both offices.
  const { rows: rooms } = await tx.execute<{ id: string; office_id: string }>(sql`select r.id, cm.office_id
    from rooms r join communities cm on cm.id = r.community_id
    where r.company_id = ${world.companyId}
    order by cm.office_id, r.id limit 400`);
  const deciders = Object.values(world.staff).filter((s) => s.roles.includes('agent'));
  for (const [i, request] of REQUESTS.entries()) {
    const room = rooms[(i * 53) % rooms.length];
    const at = new Date(now.getTime() - request.daysAgo * DAY);
    const account = await residents.upsertAccount(
      tx,
      world.companyId,
      `1660000${String(i).padStart(4, '0')}`,
      at,
    );
    accounts++;
    const [made] = await residents.insertBindings(tx, [
      {
        companyId: world.companyId,
        accountId: account.id,
        roomId: room.id,
        status: 'pending',
        source: 'request',
        now: at,
      },
    ]);
    if (request.outcome === 'pending') continue;
    const decider = deciders.find((s) => s.officeIds.includes(room.office_id)) ?? deciders[0];
    await residents.decideBinding(tx, made.id, {
      status: request.outcome,
      reason: request.reason ?? null,
      decidedById: decider.id,
      at: new Date(at.getTime() + 2 * 3_600_000),
    });
  }
  return { accounts };
}
