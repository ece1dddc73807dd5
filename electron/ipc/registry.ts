import type { PrintEngine } from '../print/printEngine';
import { z } from 'zod';
import { AppError, ERROR_CODES, validationFailure, type InvokeResult } from '../../shared/contract/errors';
import { CONTRACT, isChannelName, type ChannelName, type ParsedRequestOf } from '../../shared/contract';
import type { Actor, ServiceDeps } from '../services/context';
import { readSettings, DEFAULT_IDLE_LOCK_MINUTES } from '../services/settings/settingsService';
import { loadSessionUser } from '../services/users/usersService';
import type { OfflineUpdater } from '../services/update/offlineUpdater';
import type { Session } from './session';
import { lockIfIdleLogged } from './idleLock';

z.config(z.locales.zhCN());

/** What a user who must first change a password someone else chose may still do. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<ChannelName>(['auth.changePassword', 'auth.touch', 'auth.lock']);

/** What differs between the desktop shell and the web harness (opening a file with the system viewer). */
export interface HostAdapter {
  openPath(file: string): Promise<boolean>;
  /** The system's folder picker (desktop only); null when cancelled. */
  chooseFolder?(): Promise<string | null>;
  /** Installs updates (desktop only). */
  updater?: OfflineUpdater;
  /** Lays out, prints and makes PDFs of notices: a hidden window in the desktop app, Chromium under Node. */
  printer?: PrintEngine;
}

export interface AppContext {
  deps: ServiceDeps;
  host: HostAdapter;
  appVersion: string;
}

export interface CallContext {
  app: AppContext;
  session: Session;
  /** The signed-in user; channels with access 'user' always have one. */
  actor: Actor;
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  call: CallContext,
) => Promise<z.input<(typeof CONTRACT)[C]['response']>> | z.input<(typeof CONTRACT)[C]['response']>;

export type HandlerMap<C extends ChannelName = ChannelName> = { [K in C]: Handler<K> };

export interface HandlerRegistry {
  invoke(channel: unknown, payload: unknown, session: Session): Promise<InvokeResult<unknown>>;
}

/**
 * The one entry point for every call from a renderer (IPC or the harness): validate the channel and the
 * request against the contract before any service runs, check the session, run the handler, and answer
 * {ok, data} or {ok: false, error: {code, message, field}}.
 */
export function createHandlerRegistry(app: AppContext, handlers: HandlerMap): HandlerRegistry {
  const missing = Object.keys(CONTRACT).filter((c) => !(c in handlers));
  if (missing.length > 0) throw new Error(`channels without a handler: ${missing.join(', ')}`);

  async function run(channel: unknown, payload: unknown, session: Session): Promise<unknown> {
    if (!isChannelName(channel)) throw new AppError(ERROR_CODES.unknownChannel, `未知的调用：${String(channel)}`);
    const def = CONTRACT[channel];
    const parsed = def.request.safeParse(payload ?? {});
    if (!parsed.success) throw validationFailure(parsed.error);
    let actor = session.user;
    if (def.access === 'user') {
      if (!actor) throw new AppError(ERROR_CODES.unauthenticated, '请先登录');
      const current = await loadSessionUser(app.deps, actor.id);
      if (!current) {
        session.signOut();
        throw new AppError(ERROR_CODES.unauthenticated, '账号已停用或不存在，请重新登录');
      }
      actor = current.actor;
      session.user = actor;
      session.mustChangePassword = current.mustChangePassword;
      const idle = (await app.deps.db.read((sql) => readSettings(sql)))?.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES;
      if (await lockIfIdleLogged(app.deps, session, idle)) throw new AppError(ERROR_CODES.locked, '长时间未操作，屏幕已锁定，请输入密码解锁');
      session.touch();
      if (session.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(channel)) {
        throw new AppError(ERROR_CODES.passwordChangeRequired, '请先修改密码：管理员设置的密码须由本人改为自己的密码后才能使用');
      }
    }
    const handler = handlers[channel] as Handler<ChannelName>;
    const result = await handler(parsed.data as never, { app, session, actor: actor as Actor });
    return def.response.parse(result);
  }

  return {
    async invoke(channel, payload, session) {
      try {
        return { ok: true, data: await run(channel, payload, session) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toJSON() };
        if (error instanceof z.ZodError) {
          console.error(`[ipc] ${String(channel)}: response failed its schema`, error.issues);
        } else {
          console.error(`[ipc] ${String(channel)} failed`, error);
        }
        return { ok: false, error: { code: ERROR_CODES.internal, message: '操作未完成：程序内部错误，数据未作改动。请重试，或联系管理员查看日志。' } };
      }
    },
  };
}
