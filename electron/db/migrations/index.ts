import type { MigrationInterface } from 'typeorm';
import { Foundation1763900000001 } from './0001-foundation';
import { DishonestyRecords1763900000002 } from './0002-dishonesty-records';
import { RecordSortIndexes1763900000003 } from './0003-record-sort-indexes';
import { RecordListCovering1763900000004 } from './0004-record-list-covering';
import { RecordVersionsRowid1763900000005 } from './0005-record-versions-rowid';
import { LedgerBuildingBlocks1763900000006 } from './0006-ledger-building-blocks';
import { UserSignInGuard1763900000012 } from './0012-user-sign-in-guard';
import { Sync1763900000010 } from './0010-sync';
import { PlatformDirectory1763900000011 } from './0011-platform-directory';
import { RecordFilterIndexes1763900000013 } from './0013-record-filter-indexes';
import { InvestmentPromises1763900000015 } from './0015-investment-promises';
import { RectificationNotices1763900000016 } from './0016-rectification-notices';
import { PublicCommitments1763900000014 } from './0014-public-commitments';
import { CommitmentsStatusDue1763900000017 } from './0017-commitments-status-due';
import { OutboxItemIndex1763900000018 } from './0018-outbox-item-index';

/**
 * Every migration, in the order it runs. Append only: never edit or reorder a migration that has shipped.
 * A database whose history holds a name not in this list was written by a newer version and is refused.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Foundation1763900000001,
  DishonestyRecords1763900000002,
  RecordSortIndexes1763900000003,
  RecordListCovering1763900000004,
  RecordVersionsRowid1763900000005,
  LedgerBuildingBlocks1763900000006,
  Sync1763900000010,
  PlatformDirectory1763900000011,
  UserSignInGuard1763900000012,
  RecordFilterIndexes1763900000013,
  PublicCommitments1763900000014,
  InvestmentPromises1763900000015,
  RectificationNotices1763900000016,
  CommitmentsStatusDue1763900000017,
  OutboxItemIndex1763900000018,
];
