/**
 * Bulk import and export of the property register (REGISTER-3). The import takes the file as multipart
 * (field `file`): zod validates the query string only, the service reads and checks the file.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fieldError } from '../../domain/errors';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { contentDisposition, propertyImportService, type FileDownload } from './property-import.service';

/** The uploaded file's bytes; a request without a `file` part is a validation error. */
async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw fieldError({ file: 'field.required' });
  return part.toBuffer();
}

const download = (reply: FastifyReply, file: FileDownload) =>
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', 'no-store')
    .send(file.body);

export function propertyImportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = propertyImportService(deps);
  const e = endpoints.property;

  r.route({
    ...routeOf(e.import),
    handler: async (req) => svc.importFile(req.actor!, req.locale, req.query.mode, await uploadedFile(req)),
  });
  r.route({
    ...routeOf(e.importTemplate),
    handler: async (req, reply) => download(reply, await svc.template(req.query)),
  });
  r.route({
    ...routeOf(e.export),
    handler: async (req, reply) => download(reply, await svc.exportRegister(req.actor!, req.query)),
  });
}
