import type { Role } from './roles';

/**
 * A ledger's life cycle as data (DESIGN.md "status machine"): the moves a user may make, who may make them,
 * what they must type, and the states that follow by themselves from a date. The service runner
 * (electron/services/ledger/statusRunner.ts) accepts exactly these moves and the detail pages show exactly
 * these buttons, because both read the same table.
 */
export interface TransitionInput {
  /** What the user must type in the dialog; all listed inputs are required. */
  reason?: { label: string };
  approver?: { label: string };
  date?: { label: string; mayBeFuture: boolean };
  /** An amount in 元, carried as integer fen (a compensation paid). */
  amount?: { label: string };
  /** One of a few words (the legal route of a dispute). */
  choice?: { label: string; options: readonly string[] };
  /** A document or case number. */
  /** A short text the move records (a case number, what was not done…), at most `max` characters (500). */
  reference?: { label: string; max?: number };
}

export interface Transition<S extends string, F extends string = string> {
  action: string;
  label: string;
  from: readonly S[];
  /**
   * 'previous' sends the entity back to where it was before it entered a side state (an objection);
   * 'computed' to the state that follows from its own data (an item's payments and due date).
   */
  to: S | 'previous' | 'computed';
  roles: readonly Role[];
  input: TransitionInput;
  /** Fields that must be filled before the move. */
  needsFields?: readonly F[];
  /** The move locks the entity: later changes become corrections (new versions with a reason). */
  locks?: boolean;
}

/**
 * A state nobody chooses: it follows when a date passes (a due date with the work still open). The system
 * makes it, as a version of its own, at start and at midnight while the app runs.
 */
export interface DerivedState<S extends string> {
  action: string;
  label: string;
  to: S;
  /** The states it can follow from (the still-open ones). */
  from: readonly S[];
  /** The database column holding the date (YYYY-MM-DD) that, once in the past, makes the state. */
  dueColumn: string;
}

export interface StatusMachine<S extends string, F extends string = string> {
  statuses: readonly S[];
  labels: Readonly<Record<S, string>>;
  /** The state a new entity starts in. */
  initial: S;
  transitions: readonly Transition<S, F>[];
  derived: readonly DerivedState<S>[];
  /** States in which the entity is still edited in place (a draft); any other edit is a correction. */
  editableInPlace: readonly S[];
}

export function findTransition<S extends string, F extends string>(machine: StatusMachine<S, F>, action: string): Transition<S, F> | undefined {
  return machine.transitions.find((t) => t.action === action);
}

/** The moves a user of `role` may make on an entity in `status` (what the buttons show). */
export function availableTransitions<S extends string, F extends string>(machine: StatusMachine<S, F>, status: S, role: Role): Transition<S, F>[] {
  return machine.transitions.filter((t) => t.from.includes(status) && t.roles.includes(role));
}

/** The derived state an entity in `status` with due date `due` is in on `today`, if any. */
export function derivedStateFor<S extends string>(machine: StatusMachine<S>, status: S, due: string | null, today: string): DerivedState<S> | null {
  if (!due) return null;
  return machine.derived.find((d) => d.from.includes(status) && due < today) ?? null;
}

/** The label of any action of the machine, derived ones included (history entries show it). */
export function actionLabelOf<S extends string>(machine: StatusMachine<S>, action: string): string | undefined {
  return findTransition(machine, action)?.label ?? machine.derived.find((d) => d.action === action)?.label;
}
