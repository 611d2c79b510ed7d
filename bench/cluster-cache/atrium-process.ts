/**
 * Atrium in its own process for the benchmark, as in a deployment: the load generator (and the
 * browser it stands for) does not share Atrium's event loop. Reports its port when listening
 * and, when asked, its memory after a full GC.
 *
 *   fork('atrium-process.ts', [dataDir, adminPassword])
 */
import { join } from 'node:path';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/core/config/config.ts';
import { memoryAfterGc } from '../kube-sim/measure.ts';

const [dataDir = '', password = ''] = process.argv.slice(2);
const config = loadConfig({
  ATRIUM_DATA_DIR: dataDir,
  ATRIUM_ADMIN_PASSWORD: password,
  ATRIUM_DEMO: '0',
  LOG_LEVEL: 'fatal',
});
const app = await buildApp({ config, announce: () => {}, consoleDir: join(dataDir, 'no-console') });
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ type: 'listening', port: (app.server.address() as { port: number }).port });
process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') process.send?.({ type: 'memory', memory: memoryAfterGc() });
  if (message.type === 'stop') void app.close().then(() => process.exit(0));
});
