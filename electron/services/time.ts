/** The UTC instant at which a local calendar day (YYYY-MM-DD) begins, optionally some days later. */
export function localDayStartUtc(day: string, addDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + addDays).toISOString();
}
