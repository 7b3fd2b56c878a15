import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArticleError } from '../../functions/core/errors.js';
import { checkSourceLanguage, guessLanguage } from '../../functions/core/read/language-check.js';

const spanish =
  'El ayuntamiento de Valencia aprobó el jueves un presupuesto de 1.100 millones de euros para 2024, con un aumento del 12 % ' +
  'en el gasto de transporte público y la congelación de los impuestos sobre bienes inmuebles. La oposición criticó la venta ' +
  'de suelo municipal en el barrio de Benimaclet y pidió más vivienda pública para las familias jóvenes.';

describe('checkSourceLanguage', () => {
  it('accepts every English sample', () => {
    for (const name of readdirSync(new URL('../../samples/articles/', import.meta.url))) {
      const text = readFileSync(new URL(`../../samples/articles/${name}`, import.meta.url), 'utf8');
      expect(() => checkSourceLanguage(text, 'en'), name).not.toThrow();
    }
  });

  it('refuses a Spanish article sent to an English pipeline, naming the language and what to do', () => {
    try {
      checkSourceLanguage(spanish, 'en');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ArticleError);
      expect((error as ArticleError).code).toBe('wrong-language');
      expect((error as ArticleError).message).toContain('Spanish (es)');
      expect((error as ArticleError).hint).toContain('or set sourceLanguage to es, or to auto');
    }
  });

  it('accepts the same article where Spanish is the source, and never checks auto', () => {
    expect(() => checkSourceLanguage(spanish, 'es')).not.toThrow();
    expect(() => checkSourceLanguage(spanish, 'auto')).not.toThrow();
  });

  it('does not guess from too little text', () => {
    expect(guessLanguage('Hola, buenos días.', 'en')).toBeUndefined();
    expect(() => checkSourceLanguage('Hola, buenos días a todos.', 'en')).not.toThrow();
  });
});
