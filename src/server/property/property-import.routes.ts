import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app';

// PLACEHOLDER while the feature is written (never lands as-is).
export function propertyImportRoutes(_app: FastifyInstance, _deps: AppDeps) {}
