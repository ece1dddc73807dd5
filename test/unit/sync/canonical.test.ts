import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/sync/protocol';
import type { BatchItem } from '../../../electron/sync/wire';
import { itemCanonical } from '../../platform/batches';

/** The platform composes an item's RFC 8785 text from its data's; it must be the library's text exactly. */
describe('itemCanonical', () => {
  const items: BatchItem[] = [
    { version: 3, updatedAt: '2026-01-01T08:00:00+08:00', op: 'upsert', kind: 'dishonesty_record', id: 'a"b\\c', data: { z: 1, a: '街道\u2028\u0007', n: null, big: 1e21, f: 0.1, neg: -0 } },
    { kind: 'dishonesty_record', id: 'x', version: 1, op: 'void', updatedAt: 't', data: { reason: '误报' } },
    { kind: 'k', id: 'e', version: 2, op: 'upsert', updatedAt: 't', data: [1, { b: 2, a: 1 }] },
  ];
  it('equals canonicalize() of the whole item', () => {
    for (const item of items) expect(itemCanonical(item, canonicalJson(item.data))).toBe(canonicalize(item));
  });
  it('an item with other keys goes through the library whole', () => {
    const extra = { ...items[1], note: 'n' } as BatchItem;
    expect(itemCanonical(extra, canonicalJson(extra.data))).toBe(canonicalize(extra));
  });
});
