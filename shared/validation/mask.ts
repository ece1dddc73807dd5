/**
 * Masking of identity numbers for lists and exports (personal data): the first 4 and last 4 characters
 * stay visible, everything between becomes `*`. Strings of 8 characters or fewer would reveal everything
 * under that rule, so they are masked entirely.
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from((id ?? '').trim());
  const n = chars.length;
  if (n === 0) return '';
  if (n <= 8) return '*'.repeat(n);
  return chars.slice(0, 4).join('') + '*'.repeat(n - 8) + chars.slice(n - 4).join('');
}
