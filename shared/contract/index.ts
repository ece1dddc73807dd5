import type { z } from 'zod';
import { adminChannels } from './admin';
import { backupChannels } from './backup';
import { encryptionChannels } from './encryption';
import { updateChannels } from './update';
import { jobChannels } from './jobs';
import { directoryChannels } from './directory';
import { recordChannels } from './records';
import { promiseChannels } from './promises';
import { workbenchChannels } from './workbench';
import { commitmentChannels } from './commitments';
import { sessionChannels } from './session';
import { syncChannels } from './sync';
import { noticeChannels } from './notices';

/** Every channel the renderer may call. Later ledgers add their area's file here. */
export const CONTRACT = {
  ...sessionChannels,
  ...adminChannels,
  ...recordChannels,
  ...promiseChannels,
  ...workbenchChannels,
  ...backupChannels,
  ...updateChannels,
  ...syncChannels,
  ...jobChannels,
  ...directoryChannels,
  ...encryptionChannels,
  ...noticeChannels,
  ...commitmentChannels,
} as const;

export type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract;
/** What a caller sends (before defaults are applied). */
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
/** What a handler receives (after validation and defaults). */
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export const CHANNEL_NAMES = Object.keys(CONTRACT) as ChannelName[];
export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name);

export * from './errors';
export type { SessionUser } from './session';
export type { UserRow, Settings, AuditEntry, AuditChange, AuditVerifyResult } from './admin';
export type { RecordRow, RecordDetail, RecordVersion, Attachment, ImportResult, RecordListFilter } from './records';
export type { BackupRow, BackupSettings } from './backup';
export type { SyncStatusView, BatchRow, ReceiptRow, UploadStateView, UploadTag } from './sync';
export type { NoticeRow, NoticeDetail, NoticeVersion, NoticeSettings, NoticeListFilter } from './notices';
export type { CommitmentRow, CommitmentDetail, CommitmentVersion, CommitmentListFilter } from './commitments';
export type { LinkedEntity } from './ledger';
