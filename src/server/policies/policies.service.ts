/**
 * The company's policy settings (the rules marked "policy" in docs/rules.md: CLOCK-1, INTAKE-8, CALLBACK-2). The case service reads them through loadPolicy; the
 * clock rules are resolved by src/domain/policy/policy.ts.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { fieldError, versionConflict } from '../../domain/errors';
import type { ClockPolicy as DomainClockPolicy } from '../../domain/policy/policy';
import {
  DEFAULT_CALLBACK_EXEMPT_KINDS,
  DEFAULT_CASE_NUMBER_PREFIXES,
  DEFAULT_CLOCK_DURATIONS,
  type CaseKind,
} from '../../domain/policy/defaults';
import {
  CallbackExemptKinds,
  ClockPolicy,
  NumberPrefixes,
  type Policy,
  type UpdatePolicyBody,
} from '../../contracts/policies';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import { categories } from '../db/schema';
import type { RequestActor } from '../http/types';
import * as repo from './policies.repository';
import type { PolicyRow } from './policies.repository';

export interface CompanyPolicy {
  clockPolicy: DomainClockPolicy;
  /** kind → prefix, only where the company chose its own (caseNumberPrefix() falls back to the defaults) */
  numberPrefixes: Partial<Record<CaseKind, string>>;
  /** kinds answered on the spot that need no callback (INTAKE-11) */
  callbackExemptKinds: CaseKind[];
  /** the company chose its own list (else the default) */
  ownCallbackExemptKinds: boolean;
  version: number;
}

/** Stored values were validated when written; a row from an older shape falls back to the built-in defaults. */
export function policyFromRow(row: PolicyRow | null | undefined): CompanyPolicy {
  const defaultExempt = [...DEFAULT_CALLBACK_EXEMPT_KINDS];
  if (!row)
    return {
      clockPolicy: {},
      numberPrefixes: {},
      callbackExemptKinds: defaultExempt,
      ownCallbackExemptKinds: false,
      version: 1,
    };
  const clockPolicy = ClockPolicy.safeParse(row.clockPolicy);
  const prefixes = NumberPrefixes.safeParse(row.numberPrefixes);
  const exempt =
    row.callbackExemptKinds == null ? null : CallbackExemptKinds.safeParse(row.callbackExemptKinds);
  return {
    clockPolicy: clockPolicy.success ? clockPolicy.data : {},
    numberPrefixes: prefixes.success ? prefixes.data : {},
    callbackExemptKinds: exempt?.success ? exempt.data : defaultExempt,
    ownCallbackExemptKinds: !!exempt?.success,
    version: row.version,
  };
}

/** The company's clock policy and number prefixes (empty = the built-in defaults everywhere). */
export async function loadPolicy(db: Tx, companyId: string): Promise<CompanyPolicy> {
  return policyFromRow(await repo.getPolicyRow(db, companyId));
}

const DEFAULTS: Policy['defaults'] = {
  clocks: Object.fromEntries(
    Object.entries(DEFAULT_CLOCK_DURATIONS).map(([k, v]) => [
      k,
      v ? { amount: v.amount, unit: v.unit } : null,
    ]),
  ),
  numberPrefixes: { ...DEFAULT_CASE_NUMBER_PREFIXES },
  callbackExemptKinds: [...DEFAULT_CALLBACK_EXEMPT_KINDS],
};

const toPolicy = (p: CompanyPolicy): Policy => ({
  clockPolicy: p.clockPolicy,
  numberPrefixes: p.numberPrefixes,
  callbackExemptKinds: p.callbackExemptKinds,
  version: p.version,
  defaults: DEFAULTS,
});

export function policiesService({ db, clock }: AppDeps) {
  return {
    async get(actor: RequestActor): Promise<Policy> {
      return toPolicy(await loadPolicy(db, actor.companyId));
    },

    update(actor: RequestActor, body: UpdatePolicyBody): Promise<Policy> {
      return db.transaction(async (tx) => {
        const current = await repo.lockPolicyRow(tx, actor.companyId);
        if (current.version !== body.version) throw versionConflict(current.version);
        const categoryIds = Object.keys(body.clockPolicy.byCategory ?? {});
        if (categoryIds.length) {
          const found = await tx
            .select({ id: categories.id })
            .from(categories)
            .where(and(eq(categories.companyId, actor.companyId), inArray(categories.id, categoryIds)));
          const known = new Set(found.map((r) => r.id));
          const unknown = categoryIds.filter((id) => !known.has(id));
          if (unknown.length)
            throw fieldError(
              Object.fromEntries(unknown.map((id) => [`clockPolicy.byCategory.${id}`, 'not_found'])),
            );
        }
        const stored = policyFromRow(current);
        await repo.updatePolicyRow(tx, actor.companyId, {
          clockPolicy: body.clockPolicy,
          numberPrefixes: body.numberPrefixes,
          callbackExemptKinds:
            body.callbackExemptKinds ?? (stored.ownCallbackExemptKinds ? stored.callbackExemptKinds : null),
          updatedAt: clock.now(),
        });
        return toPolicy(policyFromRow(await repo.getPolicyRow(tx, actor.companyId)));
      });
    },
  };
}
