import { describe, expect, it } from 'vitest';
import { articleBeforeKept } from '../../functions/adapters/apertium-articles.js';

const kept = (id: number, name: string) => `<span id=${id} translate=no>${name}</span>`;

describe('articleBeforeKept', () => {
  it('puts the article back before a kept name the source has "the" before', () => {
    const source = `The ${kept(1, 'Bundestag')} voted and the ${kept(2, 'Red Cross')} met ${kept(3, 'Angela Merkel')}.`;
    const answer = `${kept(1, 'Bundestag')} voĉdonis kaj ${kept(2, 'Red Cross')} renkontis ${kept(3, 'Angela Merkel')}.`;
    expect(articleBeforeKept(answer, source, 'la')).toBe(
      `La ${kept(1, 'Bundestag')} voĉdonis kaj la ${kept(2, 'Red Cross')} renkontis ${kept(3, 'Angela Merkel')}.`,
    );
  });

  it('leaves an article the answer kept, and names the source has no article before', () => {
    const source = `Members of the ${kept(1, 'Green Party')} met ${kept(2, 'Oxfam')}.`;
    const answer = `Membroj de la ${kept(1, 'Green Party')} renkontis ${kept(2, 'Oxfam')}.`;
    expect(articleBeforeKept(answer, source, 'la')).toBe(answer);
  });
});
