/** One case as the actor may see it: its detail with the timeline and its check, and whether they see it. */
import type { CaseDetail } from '../../contracts/cases';
import type { JsonObject } from '../../domain/case/case';
import { canSeeCase } from '../../domain/case/lifecycle';
import { notFound } from '../../domain/errors';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import { listCaseAttachments } from '../attachments/attachments.service';
import { caseTimelineKind } from '../records/record-kinds';
import { checkRecord } from '../records/verify-records';
import { caseActorOf } from '../access/case-access.repository';
import * as repo from './cases.repository';
import { iso, person, toView } from './case-view';

export function readCase(deps: AppDeps) {
  const { db } = deps;
  return {
    async get(actor: RequestActor, id: string): Promise<CaseDetail> {
      const cActor = await caseActorOf(db, actor);
      const row = await repo.loadCaseRow(db, actor.companyId, id);
      if (!row) throw notFound();
      const clocks = await repo.loadClocks(db, [id]);
      if (!canSeeCase(repo.toFacts(row, clocks), cActor)) throw notFound();
      const [names, timeline, attachments] = await Promise.all([
        repo.loadNames(db, [id]),
        repo.loadTimeline(db, id),
        listCaseAttachments(db, actor.companyId, id),
      ]);
      const verdict = checkRecord(
        caseTimelineKind,
        { seq: row.timelineSeq, hash: row.timelineHead },
        row,
        timeline.map((t) => ({
          seq: t.seq,
          at: new Date(t.at),
          actorId: t.actor_id,
          type: t.type,
          data: t.data as JsonObject,
          prevHash: t.prev_hash,
          hash: t.hash,
        })),
      );
      return {
        ...toView(row, clocks, names.get(id), cActor),
        timeline: timeline.map((t) => ({
          seq: t.seq,
          at: iso(t.at)!,
          actor: person(t.actor_id, t.actor_name),
          type: t.type as CaseDetail['timeline'][number]['type'],
          data: t.data,
          hash: t.hash,
        })),
        timelineIntact: verdict.intact,
        attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size })),
      };
    },

    /** Whether the actor may see the case (attachments of a case are served only to them). */
    async canSee(actor: RequestActor, id: string): Promise<boolean> {
      const row = await repo.loadCaseRow(db, actor.companyId, id);
      if (!row) return false;
      return canSeeCase(repo.toFacts(row, []), await caseActorOf(db, actor));
    },
  };
}
