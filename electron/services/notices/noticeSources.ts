import type { ReadSql, WriteSql } from '../../db/database';
import type { NoticeSourceKind } from '../../../shared/domain/notices';
import type { Actor, ServiceDeps } from '../context';

/**
 * The entry point through which a ledger makes notices of its entities (issue 10 §1): a ledger that can be
 * the source of a 限期整改通知书 declares one `NoticeSource` and adds it to NOTICE_SOURCES (sources.ts).
 * The notices service never reads a ledger's tables itself; it asks the source.
 */
export interface NoticeSourceFacts {
  /** The unit the notice is addressed to (主送单位). */
  addressee: string;
  addresseeUscc: string | null;
  /** The facts as the notice's body states them (经查，…). */
  facts: string;
  amountFen: number | null;
  /** How the source is named in lists and on the notice's page: its document number, title… */
  reference: string;
  /** The hash-router path of the source's page (the link back). */
  route: string;
}

export interface NoticeSource {
  kind: Exclude<NoticeSourceKind, 'blank'>;
  /** The source as it stands, or null when there is no such entity. */
  load(sql: ReadSql, id: string): NoticeSourceFacts | null;
  /** Refuses (throws an AppError in Chinese) when a notice cannot be made of this entity now. */
  checkCanNotify?(sql: ReadSql, id: string): void;
  /**
   * The notice was verified (已验收): move the source on where its own life cycle allows (a record to 已整改),
   * in the caller's transaction. Returns what happened, for the notice's history.
   */
  onVerified?(sql: WriteSql, deps: Pick<ServiceDeps, 'now'>, actor: Actor, id: string, note: { date: string; reason: string }): string | null;
}

/** The default body of a notice per source type: the sentence that opens the facts, the requirements. */
export interface NoticeTemplate {
  factsLead: string;
  requirements: string;
}
