import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optionTables, readmePath, withOptionTables } from '../../scripts/generate-option-docs.js';

const readme = readFileSync(readmePath, 'utf8');

describe("the README's option tables", () => {
  it.each(Object.entries(optionTables()))(
    '%s: as the options table gives it (npm run docs:options)',
    (name, table) => {
      const section = new RegExp(`<!-- options:${name} -->\\n([\\s\\S]*?)\\n<!-- /options:${name} -->`).exec(
        readme,
      );

      expect(section?.[1]).toBe(table);
    },
  );

  it('leave the rest of the README as it is', () => {
    expect(withOptionTables(readme)).toBe(readme);
  });

  it('document every flag of run and dev, and every context key', () => {
    const tables = optionTables();
    for (const flag of ['--out DIR', '--no-cache', '--price USD', '--install-missing'])
      expect(tables.run).toContain(`\`${flag}\``);
    for (const flag of ['--port N', '--stop-timeout SECONDS', '--max-receive-count N'])
      expect(tables.dev).toContain(`\`${flag}\``);
    for (const key of ['languages', 'formality', 'profanity', 'terminology', 'cacheExpirationDays'])
      expect(tables.context).toContain(`\`${key}\``);
  });
});
