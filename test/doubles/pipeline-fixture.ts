/**
 * What tests of the pipeline core run it with, unless the test is about one of them: quiet logs, a stopped clock,
 * and settings for English into Spanish and Catalan.
 */
import type { Clock, Logger } from '../../functions/core/ports.js';
import {
  defaultPrefixes,
  defaultSpendSettings,
  type PipelineSettings,
} from '../../functions/core/settings.js';

/** Drops every log line, so test (and benchmark) output stays quiet. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The key tests seal translation memory entries with (the deployed function reads its own from a secret). */
export const TEST_MEMORY_KEY: Uint8Array = new TextEncoder().encode(
  'polybrief test memory key, not a secret',
);

/** A clock stopped at `iso`. */
export function fixedClock(iso = '2024-01-01T00:00:00Z'): Clock {
  return { now: () => new Date(iso) };
}

/**
 * en → es, ca in full scope, articles up to 100 KB, $15 per million characters, pipeline version `0.0.0-test`;
 * `overrides` sets what a test is about.
 */
export function testSettings(overrides: Partial<PipelineSettings> = {}): PipelineSettings {
  return {
    ...defaultPrefixes,
    ...defaultSpendSettings,
    sourceLanguage: 'en',
    targetLanguages: ['es', 'ca'],
    maxArticleBytes: 100_000,
    pipelineVersion: '0.0.0-test',
    translationScope: 'full',
    pricePerMillionCharacters: 15,
    ...overrides,
  };
}
