import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every document the pipeline writes in any test is validated against the publication contract's schemas.
    setupFiles: ['test/contract/validate-pipeline-outputs.setup.ts'],
    // The SDK's own switch for its Node 20 end-of-support notice: tests run on Node 20 on purpose, while users
    // (and the Lambda runtime) still see it.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
