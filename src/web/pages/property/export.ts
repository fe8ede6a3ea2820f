import { endpoints } from '../../api/endpoints';
import { download } from '../../api/client';

/** GET /api/property/export → .xlsx download (one community, or every community in scope). */
export function exportProperty(communityId: string | undefined, fallbackName: string) {
  return download(endpoints.property.export, { query: { communityId } }, fallbackName);
}
