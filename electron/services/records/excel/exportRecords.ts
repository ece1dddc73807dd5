import type { ServiceDeps } from '../../context';
import type { RecordListQuery } from '../recordQuery';
export async function exportRecordsWorkbook(_deps: ServiceDeps, _q: RecordListQuery): Promise<{ bytes: Buffer; count: number }> {
  throw new Error('not yet built');
}
