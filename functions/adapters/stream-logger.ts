import type { LogAttributes, Logger } from '../core/ports.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface StreamLoggerOptions {
  readonly stream: NodeJS.WritableStream;
  readonly level?: LogLevel;
  /** `json`: one JSON object per line (for machines); `text`: `level message key=value` (for people). */
  readonly format?: 'json' | 'text';
  readonly base?: LogAttributes;
}

/** The logger of the command line: structured, to stderr, levelled. */
export class StreamLogger implements Logger {
  readonly #options: Required<Omit<StreamLoggerOptions, 'base'>> & { base: LogAttributes };

  constructor(options: StreamLoggerOptions) {
    this.#options = { level: 'info', format: 'text', base: {}, ...options };
  }

  #write(level: Exclude<LogLevel, 'silent'>, message: string, attributes: LogAttributes = {}): void {
    if (order[level] < order[this.#options.level]) return;
    const { stream, format, base } = this.#options;
    if (format === 'json') {
      stream.write(
        `${JSON.stringify({ level: level.toUpperCase(), timestamp: new Date().toISOString(), message, ...base, ...attributes })}\n`,
      );
      return;
    }
    const pairs = Object.entries({ ...base, ...attributes })
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    stream.write(`${level.padEnd(5)} ${message}${pairs ? ` ${pairs}` : ''}\n`);
  }

  debug(message: string, attributes?: LogAttributes): void {
    this.#write('debug', message, attributes);
  }
  info(message: string, attributes?: LogAttributes): void {
    this.#write('info', message, attributes);
  }
  warn(message: string, attributes?: LogAttributes): void {
    this.#write('warn', message, attributes);
  }
  error(message: string, attributes?: LogAttributes): void {
    this.#write('error', message, attributes);
  }
}
