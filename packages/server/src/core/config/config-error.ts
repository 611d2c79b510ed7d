/** A configuration problem; `variable` names the environment variable to fix. */
export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }

  /** The single line printed when start-up fails. */
  toLine(): string {
    return `${this.variable}: ${this.message}`;
  }
}
