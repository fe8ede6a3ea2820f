/**
 * The case desk's use cases, one per file, each reading load → decide (planIntake / decide) → store (store/) →
 * present (case-view.ts): create-case, read-case, list-cases, act-on-case, reveal-reporter. This facade gives the
 * routes one object.
 */
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import { actOnCase } from './act-on-case';
import { caseActorOf } from '../access/case-access.repository';
import { createCase } from './create-case';
import { listCases } from './list-cases';
import { readCase } from './read-case';
import { revealReporter } from './reveal-reporter';

export function casesService(deps: AppDeps) {
  return {
    caseActorOf: (actor: RequestActor) => caseActorOf(deps.db, actor),
    create: createCase(deps),
    ...readCase(deps),
    list: listCases(deps),
    act: actOnCase(deps),
    revealReporter: revealReporter(deps),
  };
}
