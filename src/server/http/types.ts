import type { Actor } from '../../domain/access/access';
import type { Permission } from '../../domain/access/roles';
import type { Locale } from '../../contracts/messages';

/** Who the request acts as, with what it needs for scope checks and the UI. */
export interface RequestActor extends Actor {
  username: string;
  name: string;
  /** set when the request authenticated by API token rather than session */
  tokenId?: string;
  sessionIdHash?: string;
}

/**
 * Every /api route declares its permission; the app refuses to start with one that does not
 * (src/server/auth/auth.hook.ts) and a test lists them all (src/server/http/routes.test.ts).
 * `public`: anyone; `authenticated`: any signed-in user; otherwise a permission from src/domain/access.
 */
export type RoutePermission = Permission | 'public' | 'authenticated' | 'resident';

/** A signed-in resident of the H5 (RESIDENT-1): set only on resident routes, from the resident cookie. */
export interface RequestResident {
  accountId: string;
  companyId: string;
  /** canonical mobile */
  phone: string;
  sessionIdHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: RequestActor | null;
    resident: RequestResident | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
}
