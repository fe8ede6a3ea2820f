/**
 * The endpoint table as the console holds it: at run time only each entry's method, path, permission and content
 * types (`contracts/endpoint-routes.ts`, no zod); its schemas come in as types only, so `call` is typed by the very
 * contracts the server validates with while the bundle carries none of them. The assignment below fails to compile
 * if a route is missing or differs from its entry's.
 */
import type { WebEndpoints } from '../../contracts/endpoint';
import { routes } from '../../contracts/endpoint-routes';
import type { Endpoints } from '../../contracts/endpoints';

export const endpoints: WebEndpoints<Endpoints> = routes;
