// monaco-yaml's worker, re-exported from our own file: Vite bundles a worker it finds this way
// (see monaco-yaml's README, "Why doesn't it work with Vite?").
import 'monaco-yaml/yaml.worker.js';
