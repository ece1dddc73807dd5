import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, CONTRACT } from '../../shared/contract';

/**
 * Every string and every array a caller can send through any channel has a maximum length, so no call can
 * make the app store, hash or walk something unbounded. Walks the JSON Schema of each channel's request
 * (as the caller writes it): a string must have maxLength or be an enum/const/anchored pattern of fixed
 * size, an array must have maxItems. New channels are checked without touching this test.
 */

type JsonSchema = { [key: string]: unknown };

/** Strings whose value is fixed by a pattern like ^[0-9a-f]{8}-…$ or ^…{1,64}$ are bounded by it. */
const boundedPattern = (pattern: unknown) => typeof pattern === 'string' && pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(pattern);

function unbounded(schema: unknown, at: string, found: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  const node = schema as JsonSchema;
  if (node.type === 'string' && node.maxLength === undefined && node.enum === undefined && node.const === undefined && !boundedPattern(node.pattern) && node.format !== 'uuid') {
    found.push(`${at}: string without maxLength`);
  }
  if (node.type === 'array' && node.maxItems === undefined && !Array.isArray(node.prefixItems)) found.push(`${at}: array without maxItems`);
  for (const [key, child] of Object.entries(node)) {
    if (key === 'properties' && child && typeof child === 'object') {
      for (const [name, property] of Object.entries(child)) unbounded(property, `${at}.${name}`, found);
    } else if (Array.isArray(child)) child.forEach((c, i) => unbounded(c, `${at}[${i}]`, found));
    else if (typeof child === 'object') unbounded(child, `${at}/${key}`, found);
  }
}

describe('the IPC contract', () => {
  it('every string and array of every request has an upper bound', () => {
    const found: string[] = [];
    for (const name of CHANNEL_NAMES) {
      const json = z.toJSONSchema(CONTRACT[name].request, { io: 'input', unrepresentable: 'any' });
      unbounded(json, name, found);
    }
    expect(found).toEqual([]);
  });

  it('the walk finds an unbounded string or array (the check itself can fail)', () => {
    const found: string[] = [];
    unbounded(z.toJSONSchema(z.object({ a: z.string(), b: z.array(z.string().max(3)), c: z.string().max(9) })), 'probe', found);
    expect(found).toEqual(['probe.a: string without maxLength', 'probe.b: array without maxItems']);
  });
});
