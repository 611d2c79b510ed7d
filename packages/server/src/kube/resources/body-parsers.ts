import type { FastifyInstance } from 'fastify';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { invalidJson, validationFailed } from '../../core/errors/errors.ts';

/** YAML bodies stay text: /apply reads every document of the stream itself. */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];
const JSON_PATCH_TYPES = [
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
];

/**
 * Content types of the resource API, for the routes of one plugin: YAML manifests, the three
 * JSON patch flavours and server-side apply (YAML, parsed here).
 */
export function registerKubeBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser(JSON_PATCH_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(invalidJson('The patch is not valid JSON'), undefined);
    }
  });
  app.addContentTypeParser('application/apply-patch+yaml', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseYaml(body as string));
    } catch (error) {
      done(
        validationFailed('body', `The apply patch is not valid YAML: ${(error as Error).message}`),
        undefined,
      );
    }
  });
}

/** One object from a JSON body or a single YAML document. */
export function singleObject(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const documents = parseAllDocuments(body).filter((d) => d.contents !== null);
  if (documents.length !== 1) {
    throw validationFailed('body', 'expected exactly one YAML document; POST several to /apply');
  }
  const document = documents[0]!;
  if (document.errors.length) throw validationFailed('body', `invalid YAML: ${document.errors[0]!.message}`);
  return document.toJS();
}
