/**
 * Everything Monaco needs, imported statically HERE ONLY: this module is reached through the
 * dynamic import in loadMonaco.ts, so Vite puts Monaco, monaco-yaml and their workers in chunks
 * of their own that pages without an editor never download.
 */
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/codeAction/register.js';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/diffEditor/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/format/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/links/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/readOnlyMessage/register.js';
import 'monaco-editor/features/snippet/register.js';
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/features/tokenization/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import 'monaco-editor/languages/definitions/yaml/register.js';
import * as monaco from 'monaco-editor/editor/editor.api.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { configureMonacoYaml, type SchemasSettings } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';

// Workers are bundled by Vite as files of our own origin: the CSP allows worker-src 'self' blob:.
globalThis.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

const schemas = new Map<string, SchemasSettings>();

const monacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  // Kubernetes manifests: the diffing that explains a wrong field in Kubernetes terms.
  isKubernetes: true,
  validate: true,
  completion: true,
  hover: true,
  schemas: [],
});

/**
 * Attaches a JSON schema to the models whose file name ends with `fileName` (completion, hover
 * and validation for that kind).
 */
export function registerSchema(fileName: string, schema: unknown): void {
  schemas.set(fileName, {
    uri: `atrium://schemas/${fileName}.json`,
    fileMatch: [`**/${fileName}`],
    schema: schema as SchemasSettings['schema'],
  });
  void monacoYaml.update({ schemas: [...schemas.values()] });
}

monaco.editor.defineTheme('atrium', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#fbfcfe',
    'editorLineNumber.foreground': '#a3abbd',
    'editorGutter.background': '#f4f6fa',
  },
});

export { monaco };
