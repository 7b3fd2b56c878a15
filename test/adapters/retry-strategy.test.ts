import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  type RetryToken,
  ThrottleTolerantRetryStrategy,
} from '../../functions/adapters/retry-strategy.js';

type ErrorType = 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';

/** The tokens the strategy hands out for one request failing with `errorType` until it refuses. */
async function retriesOf(
  strategy: ThrottleTolerantRetryStrategy,
  errorType: ErrorType,
): Promise<RetryToken[]> {
  const tokens: RetryToken[] = [];
  let token = await strategy.acquireInitialRetryToken('');
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType });
    } catch {
      return tokens;
    }
    tokens.push(token);
  }
}

describe('ThrottleTolerantRetryStrategy', () => {
  it('retries a throttled request up to its attempts, each back-off under a doubling bound up to the cap', async () => {
    const strategy = new ThrottleTolerantRetryStrategy(DEFAULT_RETRY_POLICY, () => 0.999);

    const tokens = await retriesOf(strategy, 'THROTTLING');

    expect(tokens).toHaveLength(DEFAULT_RETRY_POLICY.throttledAttempts - 1);
    expect(tokens.map((token) => token.getRetryCount())).toEqual(tokens.map((_, index) => index + 1));
    expect(tokens.slice(0, 6).map((token) => token.getRetryDelay())).toEqual([49, 99, 199, 399, 799, 1598]);
    expect(Math.max(...tokens.map((token) => token.getRetryDelay()))).toBeLessThanOrEqual(2_000);
  });

  it('draws each back-off anywhere from zero (full jitter), so a burst of retries spreads out', async () => {
    const strategy = new ThrottleTolerantRetryStrategy(DEFAULT_RETRY_POLICY, () => 0);

    const tokens = await retriesOf(strategy, 'THROTTLING');

    expect(new Set(tokens.map((token) => token.getRetryDelay()))).toEqual(new Set([0]));
  });

  it('retries timeouts and server errors fewer times, and a client error never', async () => {
    const strategy = new ThrottleTolerantRetryStrategy();

    expect(await retriesOf(strategy, 'TRANSIENT')).toHaveLength(DEFAULT_RETRY_POLICY.faultAttempts - 1);
    expect(await retriesOf(strategy, 'SERVER_ERROR')).toHaveLength(DEFAULT_RETRY_POLICY.faultAttempts - 1);
    expect(await retriesOf(strategy, 'CLIENT_ERROR')).toHaveLength(0);
  });

  it('keeps no quota across requests: the thousandth throttled request is retried like the first', async () => {
    const strategy = new ThrottleTolerantRetryStrategy();

    for (let request = 0; request < 1_000; request++) await retriesOf(strategy, 'THROTTLING');

    expect(await retriesOf(strategy, 'THROTTLING')).toHaveLength(DEFAULT_RETRY_POLICY.throttledAttempts - 1);
  });

  it('waits as long as a Retry-After asks, within the cap', async () => {
    const strategy = new ThrottleTolerantRetryStrategy(DEFAULT_RETRY_POLICY, () => 0);
    const first = await strategy.acquireInitialRetryToken('');

    const soon = await strategy.refreshRetryTokenForRetry(first, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(Date.now() + 1_000),
    });
    const late = await strategy.refreshRetryTokenForRetry(first, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(Date.now() + 60_000),
    });

    expect(soon.getRetryDelay()).toBeGreaterThan(900);
    expect(late.getRetryDelay()).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});
