import type { TranslationRequest } from '../../functions/core/ports.js';

/** Five sentences of a council story: the passage the memory tests translate. */
export const sentences = [
  'The council met on Monday.',
  'It approved the plan by seven votes to two.',
  'Work starts in the spring.',
  'The mayor welcomed the decision.',
  'Opponents said they would appeal.',
];

/** A request for these segments from English into Spanish. */
export const es = (segments: readonly string[]): TranslationRequest => ({
  sourceLanguage: 'en',
  targetLanguage: 'es',
  segments,
});
