import { z } from 'zod';
import { channel } from './channel';
import { requiredText } from './common';

/**
 * The city's directory of government units, downloaded by sync (`unit` changes): the forms look a unit up
 * by part of its name or by its 统一社会信用代码, and fill the other field from it.
 */
export const directoryUnitSchema = z.object({ uscc: z.string(), name: z.string(), unitType: z.string() });
export type DirectoryUnit = z.infer<typeof directoryUnitSchema>;

/** Suggestions shown under a unit-name field. */
export const MAX_UNIT_SUGGESTIONS = 8;

/** A code list the city publishes (失信情形, 领域, …): its entries' codes and labels, newest version kept. */
export const cityDictionarySchema = z.object({
  name: z.string(),
  version: z.number(),
  entries: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type CityDictionary = z.infer<typeof cityDictionarySchema>;

export const directoryChannels = {
  'directory.dictionaries': channel({
    access: 'user',
    request: z.object({}).default({}),
    response: z.object({ dictionaries: z.array(cityDictionarySchema) }),
  }),
  'directory.findUnits': channel({
    access: 'user',
    request: z.object({ text: requiredText('单位名称或代码', 100) }),
    response: z.object({ units: z.array(directoryUnitSchema) }),
  }),
};
