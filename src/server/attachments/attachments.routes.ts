/**
 * Uploads (multipart field `file`, size limit HUIYIN_UPLOAD_MAX_MB) and downloads of attachments. Zod checks the
 * path and query; the service checks the file itself.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fieldError } from '../../domain/errors';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { sendError } from '../http/error-handler';
import { attachmentsService, caseAccessOf, type Upload } from './attachments.service';
import { contentDisposition, shownInline } from './file-type';

/** The `file` part of a multipart request; a request without one is a validation error. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw fieldError({ file: 'field.required' });
  const part = await req.file();
  if (!part || part.fieldname !== 'file') throw fieldError({ file: 'field.required' });
  return { bytes: await part.toBuffer(), filename: part.filename, declaredMime: part.mimetype };
}

export function attachmentsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = attachmentsService(deps, () => caseAccessOf(app));
  const e = endpoints.attachments;
  const maxMb = Math.round(deps.config.uploadMaxBytes / 1048576);

  // The app-wide 413 message names the JSON body limit; an upload names its own.
  const tooLarge = (req: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, req.locale, 413, 'validation_failed', 'payload_too_large', { mb: maxMb });

  r.route({
    ...routeOf(e.upload),
    handler: async (req, reply) => {
      const upload = await readUpload(req).catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw e;
      });
      if (!upload) return tooLarge(req, reply);
      return reply.code(201).send(await svc.upload(req.actor!, upload));
    },
  });
  r.route({
    ...routeOf(e.content),
    handler: async (req, reply) => {
      const { attachment, bytes } = await svc.content(req.actor!, req.params.id);
      const inline = shownInline(attachment.mime) && req.query.download !== '1';
      return reply
        .header(
          'content-type',
          attachment.mime === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.mime,
        )
        .header(
          'content-disposition',
          contentDisposition(inline ? 'inline' : 'attachment', attachment.filename),
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(bytes);
    },
  });
}
