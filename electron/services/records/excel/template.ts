// Implemented by the Excel work (see importRecords.ts).
export async function buildRecordTemplate(): Promise<Buffer> {
  throw new Error('not yet built');
}
