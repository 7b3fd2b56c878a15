/**
 * Import first in tests that build AWS SDK clients. The SDK warns once per process that it will soon need
 * Node >= 22; users should see that, test output should not. Only this test setup opts out, through the
 * SDK's own switch (read when the first client is built), so the warning still reaches anyone running polybrief.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
