import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether the real AWS CLI is installed here (tests that use it skip, saying why, when it is not). */
export const hasAwsCli = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

/**
 * `aws --endpoint-url <endpoint> ...args`, as someone's set-up would run it: any key and secret, no config or
 * credentials files, `home` as HOME. Resolves with stdout.
 */
export function awsCli(endpoint: string, home: string): (...args: string[]) => Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIAANYTHING',
    AWS_SECRET_ACCESS_KEY: 'any-secret-at-all',
    AWS_DEFAULT_REGION: 'eu-central-1',
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
  };
  return async (...args) =>
    (await run('aws', ['--endpoint-url', endpoint, ...args], { env, maxBuffer: 1 << 20 })).stdout;
}
