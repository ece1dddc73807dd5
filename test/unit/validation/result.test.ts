import { describe, expect, it } from 'vitest';
import { type Check, fail, ok } from '../../../shared/validation/result.js';

describe('result', () => {
  it('ok carries the value', () => {
    const r: Check<number> = ok(42);
    expect(r).toEqual({ ok: true, value: 42 });
  });

  it('ok() without a value is a void success', () => {
    const r: Check = ok();
    expect(r).toEqual({ ok: true, value: undefined });
  });

  it('fail carries the reason and narrows', () => {
    const r: Check<string> = fail('长度应为 18 位，实际 17 位');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('长度应为 18 位，实际 17 位');
  });
});
