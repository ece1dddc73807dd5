import { randomUUID } from 'node:crypto';
import type { ReadSql, WriteSql } from '../../db/database';
import { UserEntity, type UserRecord } from '../../db/entities';
import { AppError, ERROR_CODES, validationError } from '../../../shared/contract/errors';
import type { Settings, UserRow } from '../../../shared/contract/admin';
import type { Role } from '../../../shared/domain/roles';
import { recordChange } from '../changes';
import { isoNow, type Actor, type ServiceDeps } from '../context';
import { requirePermission } from '../permissions';
import { DEFAULT_IDLE_LOCK_MINUTES, writeSettings } from '../settings/settingsService';
import { hashPassword, verifyPassword } from './passwords';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

const toRow = (u: UserRecord): UserRow => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  disabled: Boolean(u.disabled),
  createdAt: u.createdAt,
  lastLoginAt: u.lastLoginAt,
});
export const toActor = (u: UserRecord | UserRow): Actor => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role });
/** What the audit log keeps of a user: never the password hash. */
const auditView = (u: UserRecord) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: Boolean(u.disabled) });

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
  return user;
}

/** First start: the office and its first administrator, in one transaction. */
export async function initializeOffice(
  deps: ServiceDeps,
  office: Omit<Settings, 'idleLockMinutes'>,
  admin: Omit<NewUser, 'role'>,
): Promise<Actor> {
  const passwordHash = await hashPassword(admin.password);
  return deps.db.write(async (sql) => {
    if (!setupRequired(sql)) throw new AppError(ERROR_CODES.alreadySetUp, '本台账已完成初始化，请直接登录');
    const at = isoNow(deps);
    const settings = { ...office, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES };
    writeSettings(sql, settings);
    const user = await insertUser(sql, at, { ...admin, role: 'admin' }, passwordHash);
    const actor = toActor(user);
    recordChange(sql, at, actor, { entity: 'settings', entityId: 'office', action: 'initialize', before: null, after: settings });
    recordChange(sql, at, actor, { entity: 'user', entityId: user.id, action: 'create', before: null, after: auditView(user) });
    return actor;
  });
}

export async function createUser(deps: ServiceDeps, actor: Actor, input: NewUser): Promise<UserRow> {
  requirePermission(actor, 'users.manage');
  const passwordHash = await hashPassword(input.password);
  return deps.db.write(async (sql) => {
    const at = isoNow(deps);
    const user = await insertUser(sql, at, input, passwordHash);
    recordChange(sql, at, actor, { entity: 'user', entityId: user.id, action: 'create', before: null, after: auditView(user) });
    return toRow(user);
  });
}

export async function listUsers(deps: ServiceDeps, actor: Actor): Promise<UserRow[]> {
  requirePermission(actor, 'users.manage');
  return deps.db.read(async (sql) => (await sql.em.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } })).map(toRow));
}

/** Users are never deleted (their history stays attributed); an administrator disables them. */
export async function setUserDisabled(deps: ServiceDeps, actor: Actor, id: string, disabled: boolean): Promise<UserRow> {
  requirePermission(actor, 'users.manage');
  return deps.db.write(async (sql) => {
    const repo = sql.em.getRepository(UserEntity);
    const user = await repo.findOne({ where: { id } });
    if (!user) throw new AppError(ERROR_CODES.notFound, '找不到该用户');
    if (disabled && user.id === actor.id) throw validationError('disabled', '不能停用自己的账号');
    if (disabled && user.role === 'admin') {
      const activeAdmins = await repo.count({ where: { role: 'admin', disabled: false } });
      if (activeAdmins <= 1) throw validationError('disabled', '至少要保留一名启用的管理员');
    }
    const before = auditView(user);
    user.disabled = disabled;
    await repo.update({ id }, { disabled });
    recordChange(sql, isoNow(deps), actor, { entity: 'user', entityId: id, action: disabled ? 'disable' : 'enable', before, after: auditView(user) });
    return toRow(user);
  });
}

const BAD_CREDENTIALS = () => new AppError(ERROR_CODES.badCredentials, '登录名或密码不正确');

/** Check a login. Unknown names and wrong passwords get the same answer. */
export async function authenticate(deps: ServiceDeps, username: string, password: string): Promise<Actor> {
  const user = await deps.db.read((sql) => sql.em.getRepository(UserEntity).findOne({ where: { username } }));
  if (!user || !(await verifyPassword(password, user.passwordHash))) throw BAD_CREDENTIALS();
  if (user.disabled) throw new AppError(ERROR_CODES.userDisabled, '该账号已停用，请联系管理员');
  await deps.db.write(async (sql) => {
    const at = isoNow(deps);
    await sql.em.getRepository(UserEntity).update({ id: user.id }, { lastLoginAt: at });
    recordChange(sql, at, toActor(user), { entity: 'user', entityId: user.id, action: 'login', before: null, after: null });
  });
  return toActor(user);
}

/** Unlocking after idle: the same password check, for the user already signed in. */
export async function checkPassword(deps: ServiceDeps, userId: string, password: string): Promise<Actor> {
  const user = await deps.db.read((sql) => sql.em.getRepository(UserEntity).findOne({ where: { id: userId } }));
  if (!user || user.disabled || !(await verifyPassword(password, user.passwordHash))) throw new AppError(ERROR_CODES.badCredentials, '密码不正确', 'password');
  return toActor(user);
}

export async function changePassword(deps: ServiceDeps, actor: Actor, current: string, next: string): Promise<void> {
  await checkPassword(deps, actor.id, current).catch(() => {
    throw new AppError(ERROR_CODES.badCredentials, '当前密码不正确', 'currentPassword');
  });
  const passwordHash = await hashPassword(next);
  await deps.db.write(async (sql) => {
    await sql.em.getRepository(UserEntity).update({ id: actor.id }, { passwordHash });
    recordChange(sql, isoNow(deps), actor, { entity: 'user', entityId: actor.id, action: 'changePassword', before: null, after: null });
  });
}

/** A disabled user is signed out at their next call. */
export async function loadActiveActor(deps: ServiceDeps, id: string): Promise<Actor | null> {
  const user = await deps.db.read((sql) => sql.em.getRepository(UserEntity).findOne({ where: { id } }));
  return user && !user.disabled ? toActor(user) : null;
}
