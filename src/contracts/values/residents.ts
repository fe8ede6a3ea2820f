/** The residents' channel's value lists for the web, owned by the domain (zod-free). */
export { BINDING_SOURCES, BINDING_STATUSES, DECLINE_REASON_MAX } from '../../domain/residents/binding';
