/**
 * A background loop. Only one replica should run these; for now Atrium runs one process and
 * starts them directly, later leader election wraps `start`/`stop` (start on winning the
 * lease, stop on losing it).
 */
export interface BackgroundTask {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
}
