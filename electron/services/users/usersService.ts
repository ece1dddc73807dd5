import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { ReadSql, WriteSql } from '../../db/database';
import { UserEntity, type UserRecord } from '../../db/entities';
import { AppError, ERROR_CODES, validationError } from '../../../shared/contract/errors';
import type { Settings, UserRow } from '../../../shared/contract/admin';
import type { Role } from '../../../shared/domain/roles';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { DEFAULT_IDLE_LOCK_MINUTES, writeSettings } from '../settings/settingsService';
import { decoyHash, hashNeedsUpgrade, hashPassword, PASSWORD_COST, verifyPassword } from './passwords';
import { clearSignInFailures, lockedUntil, recordSignInFailure, signInRefusal } from './signInGuard';
import { clearPasswordChangeDue, markPasswordChangeDue, passwordChangeDue, usersWithPasswordChangeDue } from './passwordChangeDue';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  /** A password chosen by someone else must be changed at the first sign-in (default); the office's first administrator chose their own. */
  mustChangePassword?: boolean;
}

/** What the administrator's list shows besides the stored user: a password change due, a sign-in lock. */
interface UserState {
  mustChangePassword: boolean;
  /** Read for the list only (a change to a user leaves any lock as it was). */
  lockedUntil?: string | null;
}
const toRow = (u: UserRecord, state: UserState): UserRow => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  disabled: Boolean(u.disabled),
  mustChangePassword: state.mustChangePassword,
  ...(state.lockedUntil === undefined ? {} : { lockedUntil: state.lockedUntil }),
  createdAt: u.createdAt,
  lastLoginAt: u.lastLoginAt,
});
export const toActor = (u: UserRecord | UserRow): Actor => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });
/** What the audit log keeps of a user: never the password hash. */
const auditView = (u: UserRecord) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: Boolean(u.disabled) });
const costOf = (deps: ServiceDeps) => deps.passwordCost ?? PASSWORD_COST;

export function setupRequired(sql: ReadSql): boolean {
  return sql.get(`SELECT 1 FROM users LIMIT 1`) === undefined;
}

async function insertUser(sql: WriteSql, at: string, input: NewUser, passwordHash: string): Promise<UserRecord> {
  const repo = sql.em.getRepository(UserEntity);
  if (await repo.findOne({ where: { username: input.username } })) {
    throw new AppError(ERROR_CODES.conflict, `登录名“${input.username}”已被使用`, 'username');
  }
  const user: UserRecord = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash,
    disabled: false,
    createdAt: at,
    lastLoginAt: null,
  };
  await repo.insert(user);
  if (input.mustChangePassword ?? true) markPasswordChangeDue(sql, user.id, at);
  return user;
}

/** First start: the office and its first administrator, in one transaction. */
export async function initializeOffice(
  deps: ServiceDeps,
  office: Omit<Settings, 'idleLockMinutes'>,
  admin: Omit<NewUser, 'role'>,
): Promise<Actor> {
  const passwordHash = await hashPassword(admin.password, costOf(deps));
  return deps.db.write(async (sql) => {
    if (!setupRequired(sql)) throw new AppError(ERROR_CODES.alreadySetUp, '本台账已完成初始化，请直接登录');
    const at = isoNow(deps);
    const settings = { ...office, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES };
    writeSettings(sql, settings);
    const user = await insertUser(sql, at, { ...admin, role: 'admin', mustChangePassword: false }, passwordHash);
    const actor = toActor(user);
    recordChange(sql, at, actor, { entity: 'settings', entityId: 'office', action: 'initialize', before: null, after: settings });
    recordChange(sql, at, actor, { entity: 'user', entityId: user.id, action: 'create', before: null, after: auditView(user) });
    return actor;
  });
}

export async function createUser(deps: ServiceDeps, actor: Actor, input: NewUser): Promise<UserRow> {
  requirePermission(actor, 'users.manage');
  const passwordHash = await hashPassword(input.password, costOf(deps));
  return deps.db.write(async (sql) => {
    const at = isoNow(deps);
    const user = await insertUser(sql, at, input, passwordHash);
    recordChange(sql, at, actor, { entity: 'user', entityId: user.id, action: 'create', before: null, after: auditView(user) });
    return toRow(user, { mustChangePassword: passwordChangeDue(sql, user.id) });
  });
}

export async function listUsers(deps: ServiceDeps, actor: Actor): Promise<UserRow[]> {
  requirePermission(actor, 'users.manage');
  const now = deps.now();
  return deps.db.read(async (sql) => {
    const changeDue = usersWithPasswordChangeDue(sql);
    return (await sql.em.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } })).map((u) =>
      toRow(u, { mustChangePassword: changeDue.has(u.id), lockedUntil: lockedUntil(sql, u.username, now) }),
    );
  });
}

/** An administrator's change to one user, in one transaction. */
async function changeUser<T>(deps: ServiceDeps, actor: Actor, id: string, change: (sql: WriteSql, repo: Repository<UserRecord>, user: UserRecord) => Promise<T>): Promise<T> {
  requirePermission(actor, 'users.manage');
  return deps.db.write(async (sql) => {
    const repo = sql.em.getRepository(UserEntity);
    const user = await repo.findOne({ where: { id } });
    if (!user) throw new AppError(ERROR_CODES.notFound, '找不到该用户');
    return change(sql, repo, user);
  });
}

/** The office always keeps one enabled administrator. */
async function keepOneAdmin(repo: Repository<UserRecord>, user: UserRecord, field: string): Promise<void> {
  if (user.role !== 'admin' || user.disabled) return;
  if ((await repo.count({ where: { role: 'admin', disabled: false } })) <= 1) throw validationError(field, '至少要保留一名启用的管理员');
}

/**
 * What a ledger says before a user is disabled: why not yet (the user still answers for open items that must
 * be handed over first), or null. The ledgers declare theirs; the catalog lists them (USER_DISABLE_GUARDS).
 */
export type UserDisableGuard = (sql: ReadSql, userId: string, displayName: string) => string | null;

/**
 * Users are never deleted (their history stays attributed); an administrator disables them, and may enable
 * them again. A user who still answers for open work in a ledger (`guards`) is not disabled until it is handed over.
 */
export async function setUserDisabled(
  deps: ServiceDeps, actor: Actor, id: string, disabled: boolean, guards: readonly UserDisableGuard[] = [],
): Promise<UserRow> {
  return changeUser(deps, actor, id, async (sql, repo, user) => {
    if (disabled && user.id === actor.id) throw validationError('disabled', '不能停用自己的账号');
    if (disabled) await keepOneAdmin(repo, user, 'disabled');
    if (disabled) {
      const reasons = guards.map((guard) => guard(sql, user.id, user.displayName)).filter((r): r is string => r !== null);
      if (reasons.length > 0) throw new AppError(ERROR_CODES.handoverRequired, reasons.join('；'), 'disabled');
    }
    const before = auditView(user);
    user.disabled = disabled;
    await repo.update({ id }, { disabled });
    recordChange(sql, isoNow(deps), actor, { entity: 'user', entityId: id, action: disabled ? 'disable' : 'enable', before, after: auditView(user) });
    return toRow(user, { mustChangePassword: passwordChangeDue(sql, user.id) });
  });
}

const BAD_CREDENTIALS = () => new AppError(ERROR_CODES.badCredentials, '登录名或密码不正确');

type PasswordPurpose = 'login' | 'unlock' | 'changePassword';
const FAILED_ACTION: Record<PasswordPurpose, string> = { login: 'loginFailed', unlock: 'unlockFailed', changePassword: 'changePasswordFailed' };

/**
 * The one password check (sign-in, unlock, change of password): refused at once while the name must wait
 * or is locked; a wrong password is counted and audited; an unknown name is checked against a decoy hash,
 * so it costs the same time and gets the same answer as a wrong password.
 */
async function checkGuarded(
  deps: ServiceDeps, purpose: PasswordPurpose, username: string, user: UserRecord | null, password: string, wrong: () => AppError,
): Promise<void> {
  const refusal = await deps.db.read((sql) => signInRefusal(sql, username, deps.now()));
  if (refusal) throw refusal;
  const right = await verifyPassword(password, user?.passwordHash ?? (await decoyHash(costOf(deps))));
  if (right && user) return;
  const refusalNow = await deps.db.write((sql) => {
    const at = isoNow(deps);
    const actor = purpose === 'login' || !user ? null : toActor(user);
    const { refusal: next, lockedNow } = recordSignInFailure(sql, username, deps.now());
    recordChange(sql, at, actor, { entity: 'sign_in', entityId: username, action: FAILED_ACTION[purpose], before: null, after: { username } });
    if (lockedNow) recordChange(sql, at, actor, { entity: 'sign_in', entityId: username, action: 'signInLocked', before: null, after: { username } });
    return next;
  });
  throw refusalNow ?? wrong();
}

const findUser = (deps: ServiceDeps, where: { username: string } | { id: string }) =>
  deps.db.read((sql) => sql.em.getRepository(UserEntity).findOne({ where }));

/** Check a login. Unknown names and wrong passwords get the same answer, in the same time. */
export async function authenticate(deps: ServiceDeps, username: string, password: string): Promise<Actor> {
  const name = username.trim();
  const user = await findUser(deps, { username: name });
  await checkGuarded(deps, 'login', name, user, password, BAD_CREDENTIALS);
  const known = user!;
  const upgraded = hashNeedsUpgrade(known.passwordHash, costOf(deps)) ? await hashPassword(password, costOf(deps)) : null;
  await deps.db.write(async (sql) => {
    clearSignInFailures(sql, name);
    if (known.disabled) return;
    const at = isoNow(deps);
    await sql.em.getRepository(UserEntity).update({ id: known.id }, upgraded ? { lastLoginAt: at, passwordHash: upgraded } : { lastLoginAt: at });
    recordChange(sql, at, toActor(known), { entity: 'user', entityId: known.id, action: 'login', before: null, after: null });
  });
  if (known.disabled) throw new AppError(ERROR_CODES.userDisabled, '该账号已停用，请联系管理员');
  return toActor(known);
}

async function checkOwnPassword(deps: ServiceDeps, purpose: PasswordPurpose, userId: string, password: string, wrong: () => AppError): Promise<UserRecord> {
  const user = await findUser(deps, { id: userId });
  if (!user || user.disabled) throw wrong();
  await checkGuarded(deps, purpose, user.username, user, password, wrong);
  await deps.db.write((sql) => clearSignInFailures(sql, user.username));
  return user;
}

/** Unlocking after idle: the same guarded password check, for the user already signed in. */
export async function checkPassword(deps: ServiceDeps, userId: string, password: string): Promise<Actor> {
  const user = await checkOwnPassword(deps, 'unlock', userId, password, () => new AppError(ERROR_CODES.badCredentials, '密码不正确', 'password'));
  await deps.db.write((sql) => recordChange(sql, isoNow(deps), toActor(user), { entity: 'user', entityId: user.id, action: 'unlock', before: null, after: null }));
  return toActor(user);
}

export async function changePassword(deps: ServiceDeps, actor: Actor, current: string, next: string): Promise<void> {
  if (current === next) throw validationError('newPassword', '新密码不能与当前密码相同');
  await checkOwnPassword(deps, 'changePassword', actor.id, current, () => new AppError(ERROR_CODES.badCredentials, '当前密码不正确', 'currentPassword'));
  const passwordHash = await hashPassword(next, costOf(deps));
  await deps.db.write(async (sql) => {
    await sql.em.getRepository(UserEntity).update({ id: actor.id }, { passwordHash });
    clearPasswordChangeDue(sql, actor.id);
    recordChange(sql, isoNow(deps), actor, { entity: 'user', entityId: actor.id, action: 'changePassword', before: null, after: null });
  });
}

/** An administrator gives a user a new password (forgotten, or locked out); the user must change it at the next sign-in. */
export async function resetUserPassword(deps: ServiceDeps, actor: Actor, id: string, password: string): Promise<UserRow> {
  requirePermission(actor, 'users.manage');
  if (id === actor.id) throw validationError('password', '不能重置自己的密码，请用“修改密码”');
  const passwordHash = await hashPassword(password, costOf(deps));
  return changeUser(deps, actor, id, async (sql, repo, user) => {
    await repo.update({ id }, { passwordHash });
    markPasswordChangeDue(sql, id, isoNow(deps));
    clearSignInFailures(sql, user.username);
    recordChange(sql, isoNow(deps), actor, { entity: 'user', entityId: id, action: 'resetPassword', before: null, after: { mustChangePassword: true } });
    return toRow(user, { mustChangePassword: true, lockedUntil: null });
  });
}

/** Change a user's role; the office always keeps one enabled administrator, and nobody changes their own role. */
export async function setUserRole(deps: ServiceDeps, actor: Actor, id: string, role: Role): Promise<UserRow> {
  return changeUser(deps, actor, id, async (sql, repo, user) => {
    if (user.id === actor.id) throw validationError('role', '不能修改自己的角色');
    if (user.role !== role) {
      if (role !== 'admin') await keepOneAdmin(repo, user, 'role');
      await repo.update({ id }, { role });
      recordChange(sql, isoNow(deps), actor, { entity: 'user', entityId: id, action: 'changeRole', before: auditView(user), after: auditView({ ...user, role }) });
    }
    return toRow({ ...user, role }, { mustChangePassword: passwordChangeDue(sql, user.id) });
  });
}

export interface SessionUserState {
  actor: Actor;
  mustChangePassword: boolean;
}

/** The signed-in user as stored now: null once disabled (signed out at the next call). */
export async function loadSessionUser(deps: ServiceDeps, id: string): Promise<SessionUserState | null> {
  return deps.db.read(async (sql) => {
    const user = await sql.em.getRepository(UserEntity).findOne({ where: { id } });
    return user && !user.disabled ? { actor: toActor(user), mustChangePassword: passwordChangeDue(sql, id) } : null;
  });
}

/** A disabled user is signed out at their next call. */
export async function loadActiveActor(deps: ServiceDeps, id: string): Promise<Actor | null> {
  return (await loadSessionUser(deps, id))?.actor ?? null;
}
