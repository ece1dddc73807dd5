import type { ReadSql, WriteSql } from '../../db/database';
import { AppError, ERROR_CODES, forbidden, validationError } from '../../../shared/contract/errors';
import { derivedStateFor, findTransition, type StatusMachine, type Transition } from '../../../shared/domain/statusMachine';
import { SYSTEM_AUTHOR, type Actor, type NonUserAuthor } from '../context';
import { loadRow, logVersion, type VersionedRow, type VersionedSpec } from './versionedEntity';

/** What the user sent for a move: the action and what its dialog asked for. */
export interface MoveRequest {
  action: string;
  reason?: string;
  approver?: string;
  date?: string;
  amountFen?: number;
  choice?: string;
  reference?: string;
}

/** A move the machine allows, with its inputs cleaned. */
export interface CheckedMove<S extends string, F extends string> {
  transition: Transition<S, F>;
  /** The target state ('previous' already resolved). */
  to: S;
  reason: string | null;
  approver: string | null;
  date: string | null;
  amountFen: number | null;
  choice: string | null;
  reference: string | null;
}

export interface MoveContext<S extends string, F extends string> {
  status: S;
  /** Where the entity was before a side state, for moves back to 'previous'. */
  previousStatus: S | null;
  /** Whether a field the move needs is filled in the stored entity. */
  isFilled(field: F): boolean;
  fieldLabel(field: F): string;
  /** The local calendar day (YYYY-MM-DD): dates that may not be in the future are checked against it. */
  today: string;
  /** The state that follows from the entity's own data, for moves to 'computed'. */
  computed?(): S;
}

/**
 * The one runner of every ledger's status machine: it accepts exactly the moves of the machine's table,
 * from the states, by the roles and with the inputs the table lists — the same table the buttons read.
 */
export function checkMove<S extends string, F extends string>(
  machine: StatusMachine<S, F>, actor: Actor, ctx: MoveContext<S, F>, req: MoveRequest,
): CheckedMove<S, F> {
  const transition = findTransition(machine, req.action);
  if (!transition) throw new AppError(ERROR_CODES.invalidTransition, `未知的操作“${req.action}”`);
  if (!transition.from.includes(ctx.status)) {
    throw new AppError(ERROR_CODES.invalidTransition, `当前处于“${machine.labels[ctx.status]}”状态，不能“${transition.label}”`);
  }
  if (!transition.roles.includes(actor.role)) throw forbidden(`您的角色不能“${transition.label}”`);
  const { input } = transition;
  const reason = req.reason?.trim() || null;
  const approver = req.approver?.trim() || null;
  if (input.reason && !reason) throw validationError('reason', `请填写${input.reason.label}`);
  if (input.approver && !approver) throw validationError('approver', `请填写${input.approver.label}`);
  if (input.date) {
    if (!req.date) throw validationError('date', `请填写${input.date.label}`);
    if (!input.date.mayBeFuture && req.date > ctx.today) throw validationError('date', `${input.date.label}不能晚于今天`);
  }
  const reference = req.reference?.trim() || null;
  if (input.reference && !reference) throw validationError('reference', `请填写${input.reference.label}`);
  if (input.choice && !(req.choice && input.choice.options.includes(req.choice))) {
    throw validationError('choice', `请选择${input.choice.label}（${input.choice.options.join('、')}）`);
  }
  if (input.amount && (req.amountFen === undefined || !Number.isInteger(req.amountFen) || req.amountFen < 0)) {
    throw validationError('amountFen', `请填写${input.amount.label}（不小于 0，最多两位小数）`);
  }
  for (const field of transition.needsFields ?? []) {
    if (!ctx.isFilled(field)) throw validationError(field, `“${transition.label}”前请先填写${ctx.fieldLabel(field)}`);
  }
  const to =
    transition.to === 'previous' ? (ctx.previousStatus ?? machine.initial)
    : transition.to === 'computed' ? (ctx.computed?.() ?? machine.initial)
    : transition.to;
  return {
    transition, to, reason, approver, date: input.date ? (req.date ?? null) : null,
    amountFen: input.amount ? (req.amountFen ?? null) : null,
    choice: input.choice ? (req.choice ?? null) : null,
    reference: input.reference ? reference : null,
  };
}

/** How a ledger writes a state the system derived (its own columns: updated_at, updated_by…). */
export type WriteDerivedStatus<DbRow> = (sql: WriteSql, row: DbRow, to: string, at: string, author: NonUserAuthor) => DbRow;

/**
 * Make every derived state that is due (DESIGN.md: "derived states that happen when a date passes"): each
 * entity whose due date is before `today` while it is still in an open state moves, as a version by the
 * system with its audit entry and upload item, in the caller's transaction. Returns how many moved.
 */
export function applyDerivedStates<S extends string, DbRow extends VersionedRow>(
  sql: WriteSql, spec: VersionedSpec<DbRow>, machine: StatusMachine<S>, today: string, at: string, write: WriteDerivedStatus<DbRow>,
): number {
  let moved = 0;
  for (const derived of machine.derived) {
    const due = sql.all<DbRow>(
      `SELECT * FROM ${spec.table} WHERE status IN (${derived.from.map(() => '?').join(', ')}) AND ${derived.dueColumn} < ?`,
      ...derived.from, today,
    );
    for (const before of due) if (applyDerivedStateTo(sql, spec, machine, before, today, at, write)) moved++;
  }
  return moved;
}

/**
 * A ledger whose dated things are parts of a larger versioned entity (the promise items of a project): the
 * part's status moves, and the owner gets one new version (with its audit entry and upload item) for all of
 * its parts that moved at once.
 */
export interface DerivedParts<Owner extends VersionedRow> {
  /** The parts' table (with `id`, `status` and the machine's due column) and the column naming the owner. */
  table: string;
  ownerColumn: string;
  owner: VersionedSpec<Owner>;
  /** Writes the parts' new status and the owner's new version; returns the owner as it is now. */
  write(sql: WriteSql, owner: Owner, partIds: readonly string[], to: string, at: string, author: NonUserAuthor): Owner;
  /** The owner as its versions carry it (with its parts); else its table row. */
  load?(sql: ReadSql, id: string): Owner | undefined;
}

/** applyDerivedStates for parts of an owner: returns how many parts moved. */
export function applyDerivedPartStates<S extends string, Owner extends VersionedRow>(
  sql: WriteSql, parts: DerivedParts<Owner>, machine: StatusMachine<S>, today: string, at: string,
): number {
  let moved = 0;
  for (const derived of machine.derived) {
    const due = sql.all<{ id: string; owner: string; status: S; due: string }>(
      `SELECT id, ${parts.ownerColumn} AS owner, status, ${derived.dueColumn} AS due FROM ${parts.table}
       WHERE status IN (${derived.from.map(() => '?').join(', ')}) AND ${derived.dueColumn} < ? ORDER BY ${parts.ownerColumn}`,
      ...derived.from, today,
    );
    const byOwner = new Map<string, typeof due>();
    for (const part of due) {
      if (derivedStateFor(machine, part.status, part.due, today) !== derived) continue;
      byOwner.set(part.owner, [...(byOwner.get(part.owner) ?? []), part]);
    }
    for (const [ownerId, owned] of byOwner) {
      const before = parts.load ? parts.load(sql, ownerId) : loadRow(sql, parts.owner, ownerId);
      if (!before) continue;
      const after = parts.write(sql, before, owned.map((p) => p.id), derived.to, at, SYSTEM_AUTHOR);
      const earliest = owned.map((p) => p.due).sort()[0];
      logVersion(sql, parts.owner, at, SYSTEM_AUTHOR, before, after, { action: derived.action, date: earliest });
      moved += owned.length;
    }
  }
  return moved;
}

/**
 * The derived state of one entity, if one is due (an entity saved with a due date already past falls
 * overdue at once, as the system's own version after the user's). Returns the entity as it now is, or null.
 */
export function applyDerivedStateTo<S extends string, DbRow extends VersionedRow>(
  sql: WriteSql, spec: VersionedSpec<DbRow>, machine: StatusMachine<S>, before: DbRow, today: string, at: string, write: WriteDerivedStatus<DbRow>,
): DbRow | null {
  for (const derived of machine.derived) {
    const dueOn = (before as unknown as Record<string, string | null>)[derived.dueColumn];
    if (derivedStateFor(machine, before.status as S, dueOn, today) !== derived) continue;
    const after = write(sql, before, derived.to, at, SYSTEM_AUTHOR);
    logVersion(sql, spec, at, SYSTEM_AUTHOR, before, after, { action: derived.action, date: dueOn });
    return after;
  }
  return null;
}
