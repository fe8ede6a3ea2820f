/**
 * Bulk import and export of the property register (REGISTER-3). The import takes the file as multipart
 * (field `file`): zod validates the query string only, the service reads and checks the file.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldError } from '../../domain/errors';
import { ExportQuery, ImportQuery, ImportReport, TemplateQuery } from '../../contracts/property-import';
import type { AppDeps } from '../platform/deps';
import { contentDisposition, propertyImportService, type FileDownload } from './property-import.service';

/**
 * For the OpenAPI document only: a multipart body is read by the handler (req.file()), so the schema accepts
 * anything and the service checks the file.
 */
const UPLOAD_DOC = z.any().meta({
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: '.xlsx or .csv in the template layout' },
  },
});

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
  const tags = ['property'];

  r.post(
    '/api/property/import',
    {
      config: { permission: 'property.import' },
      schema: {
        tags,
        summary: 'Dry run or commit of a .xlsx/.csv file in the template layout (multipart field `file`)',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        body: UPLOAD_DOC,
        response: { 200: ImportReport },
      },
    },
    async (req) => svc.importFile(req.actor!, req.locale, req.query.mode, await uploadedFile(req)),
  );
  r.get(
    '/api/property/import/template',
    {
      config: { permission: 'property.import' },
      schema: {
        tags,
        summary: 'The import template with two example rows',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
        querystring: TemplateQuery,
      },
    },
    async (req, reply) => download(reply, await svc.template(req.query)),
  );
  r.get(
    '/api/property/export',
    {
      config: { permission: 'property.export' },
      schema: {
        tags,
        summary: 'The register of the communities in scope as .xlsx, in the import layout',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        querystring: ExportQuery,
      },
    },
    async (req, reply) => download(reply, await svc.exportRegister(req.actor!, req.query)),
  );
}
