/** Click-to-reveal of a masked reporter phone: shown once, recorded on the timeline. */
import { canSeeCase } from '../../domain/case/lifecycle';
import { DomainError, notFound } from '../../domain/errors';
import { seesAnonymousIdentity } from '../../domain/privacy/case-visibility';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import { storeReveal } from './store/decision';
import { caseActorOf } from '../access/case-access.repository';
import * as repo from './cases.repository';

export function revealReporter(deps: AppDeps) {
  const { db, clock } = deps;
  return async function revealReporter(actor: RequestActor, id: string) {
    const now = clock.now();
    const cActor = await caseActorOf(db, actor);
    return db.transaction(async (tx) => {
      const row = await repo.loadCaseRow(tx, actor.companyId, id, { lock: true });
      if (!row) throw notFound();
      const facts = repo.toFacts(row, await repo.loadClocks(tx, [id]));
      if (!canSeeCase(facts, cActor)) throw notFound();
      if (actor.roles.every((r) => r === 'auditor' || r === 'admin')) throw new DomainError('forbidden');
      if (row.reporterAnonymous && !seesAnonymousIdentity(cActor, facts)) throw new DomainError('forbidden');
      await storeReveal(tx, row, actor.userId, now);
      return { name: row.reporterName, phone: row.reporterPhone };
    });
  };
}
