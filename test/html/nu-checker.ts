import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** The Nu Html Checker jar the `vnu-jar` package ships (its main export is the jar's path). */
export const vnuJar: string = String(createRequire(import.meta.url)('vnu-jar'));

export interface NuMessage {
  readonly type: 'error' | 'info' | 'non-document-error';
  readonly subType?: string;
  readonly url?: string;
  readonly message: string;
  readonly lastLine?: number;
  readonly extract?: string;
}

export interface NuReport {
  readonly version: string;
  readonly documents: number;
  readonly errors: readonly NuMessage[];
  readonly warnings: readonly NuMessage[];
  readonly messages: readonly NuMessage[];
}

/**
 * Checks every file in one run of the checker (one JVM start), HTML and the inline CSS alike. Errors include
 * the checker's own (`non-document-error`: a file it could not read).
 */
export async function checkWithNu(files: readonly string[]): Promise<NuReport> {
  if (files.length === 0) throw new Error('No pages to check.');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      'java',
      ['-jar', vnuJar, '--format', 'json', '--also-check-css', '--exit-zero-always', ...files],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const chunks: Buffer[] = [];
    // The JSON report goes to stderr unless --stdout is given; collect both.
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (code === 0) resolve(text);
      else reject(new Error(`vnu exited ${code}: ${text.slice(0, 2000)}`));
    });
  });
  const start = output.indexOf('{');
  const report = JSON.parse(output.slice(start)) as { version?: string; messages: NuMessage[] };
  return {
    version: report.version ?? 'unknown',
    documents: files.length,
    errors: report.messages.filter((message) => message.type !== 'info'),
    warnings: report.messages.filter((message) => message.type === 'info' && message.subType === 'warning'),
    messages: report.messages,
  };
}

/** One line per distinct message with how often it occurred, for the CI log. */
export function summarize(report: NuReport): string {
  const counts = new Map<string, number>();
  for (const message of report.warnings) {
    counts.set(message.message, (counts.get(message.message) ?? 0) + 1);
  }
  const lines = [
    `Nu Html Checker ${report.version}: ${report.documents} documents, ${report.errors.length} errors, ${report.warnings.length} warnings`,
    ...[...counts].map(([message, count]) => `  ${count} × warning: ${message}`),
    ...report.errors.map((error) => `  error: ${error.url ?? ''}:${error.lastLine ?? ''} ${error.message}`),
  ];
  return lines.join('\n');
}
