import { api } from '../../api/client';

/** GET /api/property/export → .xlsx download (one community, or every community in scope). */
export function exportProperty(communityId: string | undefined, fallbackName: string) {
  return api.download('/api/property/export', { communityId }, fallbackName);
}
