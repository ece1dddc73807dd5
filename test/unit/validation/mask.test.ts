import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../../shared/validation/mask.js';

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 of an 18-character number', () => {
    expect(maskIdNumber('320102199001011234')).toBe('3201**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('320102199001011234')).toHaveLength(18);
  });

  it('masks a 15-digit old number with 7 stars', () => {
    expect(maskIdNumber('320102900101123')).toBe('3201*******1123');
  });

  it('masks a 9-character string with a single star', () => {
    expect(maskIdNumber('123456789')).toBe('1234*6789');
  });

  it('masks short strings entirely', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('123')).toBe('***');
  });

  it('returns empty for empty input', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('   ')).toBe('');
  });

  it('never reveals the middle digits', () => {
    const id = '320102199001011234';
    expect(maskIdNumber(id)).not.toContain('19900101');
  });
});
