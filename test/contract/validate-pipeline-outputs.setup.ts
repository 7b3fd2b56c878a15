/**
 * Vitest setup file (vitest.config.ts `setupFiles`): every document the pipeline writes in any test, through any
 * store, is validated against its schema the moment `processArticle` returns, so no test can publish something
 * that breaks the contract without failing (an editor's correction too: `processObject`). (Runs of the `polybrief` binary in a child process are validated by
 * their tests, over the folder they wrote: `expectValidOutputs(await objectsUnder(dir))`.)
 */
import { vi } from 'vitest';
import type * as Pipeline from '../../functions/core/pipeline.js';
import type { ArticleStore } from '../../functions/core/ports.js';

vi.mock(import('../../functions/core/pipeline.js'), async (importOriginal) => {
  const pipeline = await importOriginal();
  const validated =
    (process: typeof Pipeline.processArticle): typeof Pipeline.processArticle =>
    async (ref, settings, deps) => {
      const written: { key: string; body: Uint8Array | string }[] = [];
      const { store } = deps;
      // The same store, every write also noted; any other member passes through untouched.
      const recording = new Proxy(store, {
        get(target, property) {
          if (property === 'put') {
            return async (
              key: string,
              body: Uint8Array | string,
              options: Parameters<ArticleStore['put']>[2],
            ) => {
              const result = await target.put(key, body, options);
              written.push({ key, body });
              return result;
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const outcome = await process(ref, settings, { ...deps, store: recording });
      const { schemaErrors, schemaForKey } = await import('./validate.js');
      const problems = written.flatMap(({ key, body }) => {
        const schema = schemaForKey(key, settings);
        if (!schema) return [];
        const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
        return schemaErrors(schema, JSON.parse(text)).map((error) => `${key}: ${error}`);
      });
      if (problems.length > 0) {
        throw new Error(`The pipeline wrote documents that break the contract:\n- ${problems.join('\n- ')}`);
      }
      return outcome;
    };
  // processObject runs processArticle (or an edit's course) inside its module: both are wrapped.
  return {
    ...pipeline,
    processArticle: validated(pipeline.processArticle),
    processObject: validated(pipeline.processObject),
  };
});
