import { GetTerminologyCommand, type TranslateClient } from '@aws-sdk/client-translate';
import { invalidEnvironment } from '../shared/options/environment.js';
import { text } from '../shared/options/problems.js';

/**
 * The version of each named custom terminology: when it was last imported (`LastUpdatedAt`), read once with
 * `GetTerminology` (which TranslateText with a terminology needs permission for anyway). Re-importing a
 * terminology changes its version, so translations remembered with the old one are not reused.
 */
export async function fetchTerminologyVersions(
  client: Pick<TranslateClient, 'send'>,
  names: readonly string[],
): Promise<Record<string, string>> {
  const entries = await Promise.all(
    names.map(async (name): Promise<[string, string]> => {
      try {
        const output = await client.send(new GetTerminologyCommand({ Name: name }));
        const updated =
          output.TerminologyProperties?.LastUpdatedAt ?? output.TerminologyProperties?.CreatedAt;
        return [name, updated ? updated.toISOString() : 'unknown'];
      } catch (error) {
        throw invalidEnvironment([
          {
            option: 'terminologies',
            ...text(
              `The custom terminology "${name}" could not be read (${(error as Error).name}: ${(error as Error).message}).`,
            ),
          },
        ]);
      }
    }),
  );
  return Object.fromEntries(entries);
}
