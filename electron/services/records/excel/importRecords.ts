import type { ImportResult } from '../../../../shared/contract/records';
import type { Actor, ServiceDeps } from '../../context';
export async function importRecordsWorkbook(_deps: ServiceDeps, _actor: Actor, _bytes: Buffer, _opts: { dryRun: boolean; fileName?: string }): Promise<ImportResult> {
  throw new Error('not yet built');
}
