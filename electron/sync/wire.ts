/** The JSON shapes of the city platform interface v1, as they travel. */

export type ItemOp = 'upsert' | 'void';

export interface BatchItem {
  kind: string;
  id: string;
  version: number;
  op: ItemOp;
  updatedAt: string;
  data: unknown;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export interface Batch {
  batchId: string;
  officeId: string;
  deviceId: string;
  seq: number;
  createdAt: string;
  schemaVersion: number;
  auditHead?: AuditHead;
  items: BatchItem[];
}

export type ReceiptStatus = 'accepted' | 'duplicate' | 'stale' | 'rejected';

export interface Receipt {
  id: string;
  version: number;
  status: ReceiptStatus;
  platformRef?: string;
  code?: string;
  field?: string;
  message?: string;
}

export interface BatchAnswer {
  batchId: string;
  receivedAt: string;
  receipts: Receipt[];
}

export interface BatchError {
  batchId: string;
  error: { status: 400 | 409 | 413; code: string; message: string };
}

export type BatchFileResult = BatchAnswer | BatchError;

export interface PlatformError {
  code: string;
  message: string;
  serverTime?: string;
}

export interface RecordStatusChange {
  type: 'record_status';
  changeId: string;
  id: string;
  kind: string;
  status: string;
  decidedAt: string;
  note: string | null;
}

export interface DictionaryChange {
  type: 'dictionary';
  changeId: string;
  name: string;
  entries: Array<{ code: string; label: string }>;
  version: number;
}

export interface UnitChange {
  type: 'unit';
  changeId: string;
  uscc: string;
  name: string;
  unitType: string;
  parentUscc: string | null;
}

export type PlatformChange = RecordStatusChange | DictionaryChange | UnitChange;

export interface ChangesPage {
  items: PlatformChange[];
  nextCursor: string;
  hasMore: boolean;
}

export interface BatchFile {
  format: string;
  officeId: string;
  deviceId: string;
  publicKey: string;
  batches: Batch[];
  signature: string;
}

export interface ReceiptsFile {
  format: string;
  officeId: string;
  results: BatchFileResult[];
  signature: string;
}
