export { buildApp, type App, type BuildAppOptions } from './app.ts';
export { startServer, type RunningServer } from './server.ts';
export { loadConfig, type Config } from './core/config/config.ts';
export { ConfigError } from './core/config/config-error.ts';
export type { Clock } from './core/clock.ts';
