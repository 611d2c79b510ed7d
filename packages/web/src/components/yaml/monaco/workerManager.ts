/**
 * monaco-worker-manager's `createWorkerManager`, for Monaco ≥ 0.55. monaco-yaml starts its worker
 * through that package, which still calls the old `editor.createWebWorker({moduleId, label,
 * createData})`; Monaco now takes a ready Worker and expects the create data as the worker's
 * second message (after a first one that starts it), as its own language workers do. vite.config
 * points `monaco-worker-manager` here.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api.js';

interface WorkerManagerOptions<C> {
  createData?: C;
  interval?: number;
  label: string;
  moduleId: string;
  stopWhenIdleFor?: number;
}

type EditorApi = Pick<typeof Monaco, 'editor' | 'Uri'>;

function startWorker(label: string): Worker {
  const environment = (
    globalThis as { MonacoEnvironment?: { getWorker?: (id: string, label: string) => Worker } }
  ).MonacoEnvironment;
  const worker = environment?.getWorker?.('workerMain.js', label);
  if (!worker) throw new Error(`MonacoEnvironment.getWorker gave no worker for ${label}`);
  return worker;
}

export function createWorkerManager<T extends object, C = unknown>(
  monaco: EditorApi,
  options: WorkerManagerOptions<C>,
) {
  let { createData } = options;
  const { interval = 30_000, label, stopWhenIdleFor = 120_000 } = options;
  let client: Monaco.editor.MonacoWebWorker<T> | undefined;
  let lastUsedTime = 0;
  let disposed = false;

  const stopWorker = () => {
    client?.dispose();
    client = undefined;
  };
  const intervalId = setInterval(() => {
    if (client && Date.now() - lastUsedTime > stopWhenIdleFor) stopWorker();
  }, interval);

  return {
    dispose() {
      disposed = true;
      clearInterval(intervalId);
      stopWorker();
    },
    getWorker(...resources: Monaco.Uri[]) {
      if (disposed) throw new Error('Worker manager has been disposed');
      lastUsedTime = Date.now();
      if (!client) {
        const worker = startWorker(label);
        worker.postMessage('ignore');
        worker.postMessage(createData);
        client = monaco.editor.createWebWorker<T>({ worker });
      }
      return client.withSyncedResources(resources);
    },
    updateCreateData(newCreateData: C) {
      createData = newCreateData;
      stopWorker();
    },
  };
}
