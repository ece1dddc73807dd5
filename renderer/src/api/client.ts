import { CHANNEL_NAMES, type ChannelName, type RequestOf, type ResponseOf } from '../../../shared/contract';
import type { AppErrorShape, InvokeResult } from '../../../shared/contract/errors';

/**
 * The renderer's one way to reach the main process. Pages call `api.recordsList({...})`: a method per
 * contract channel, typed from its zod schemas. Underneath, the Electron preload's `invoke` or, in the web
 * harness, a POST to the loopback server carry the same {channel, payload} to the same handler registry.
 */
type CamelCase<S extends string> = S extends `${infer Head}.${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
export type Api = { [C in ChannelName as CamelCase<C>]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export class LedgerError extends Error {
  readonly code: string;
  readonly field?: string;
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.field = shape.field;
  }
}

declare global {
  interface Window {
    ledger?: { invoke(channel: string, payload: unknown): Promise<InvokeResult<unknown>> };
  }
}

const HARNESS_TOKEN_KEY = 'ledger.harnessToken';

/**
 * The web harness hands its token in the address (?token=…). At start-up the window keeps it for this tab
 * and takes it out of the address bar and the history, so it is not shown, bookmarked or copied along.
 */
export function adoptHarnessToken(): void {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (!fromUrl) return;
  sessionStorage.setItem(HARNESS_TOKEN_KEY, fromUrl);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

function harnessToken(): string {
  return sessionStorage.getItem(HARNESS_TOKEN_KEY) ?? '';
}

async function transport(channel: ChannelName, payload: unknown): Promise<InvokeResult<unknown>> {
  if (window.ledger) return window.ledger.invoke(channel, payload);
  const body = JSON.stringify({ channel, payload });
  const response = await fetch('./api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-token': harnessToken() },
    body,
    // A small call (a draft saved as the window closes) is still delivered after the page has gone.
    keepalive: body.length < 60_000,
  });
  if (!response.ok) return { ok: false, error: { code: 'TRANSPORT', message: `无法连接本机服务（HTTP ${response.status}）` } };
  return (await response.json()) as InvokeResult<unknown>;
}

/** Listeners for answers that concern the whole window (signed out, locked). */
type SessionEvent = 'unauthenticated' | 'locked' | 'passwordChangeRequired';
const sessionListeners = new Set<(event: SessionEvent) => void>();
export function onSessionEvent(listener: (event: SessionEvent) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/**
 * Listeners for changes to the ledgers' data (the header's 待上报 count follows them). A change is any
 * successful call that is not a read and not about the session, drafts, users, settings or first start.
 */
const READ_CHANNEL = /\.(list|get|status|verify|findDuplicates|template|export|touch|open)$/;
const NOT_LEDGER_DATA = /^(drafts|auth|system|setup|users|settings|jobs)\./;
export const changesLedgerData = (channel: string) => !READ_CHANNEL.test(channel) && !NOT_LEDGER_DATA.test(channel);
const changeListeners = new Set<(channel: string) => void>();
export function onDataChanged(listener: (channel: string) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

async function call(channel: ChannelName, payload: unknown): Promise<unknown> {
  const result = await transport(channel, payload ?? {});
  if (result.ok) {
    if (changesLedgerData(channel)) changeListeners.forEach((l) => l(channel));
    return result.data;
  }
  if (result.error.code === 'SESSION_LOCKED') sessionListeners.forEach((l) => l('locked'));
  if (result.error.code === 'UNAUTHENTICATED') sessionListeners.forEach((l) => l('unauthenticated'));
  if (result.error.code === 'PASSWORD_CHANGE_REQUIRED') sessionListeners.forEach((l) => l('passwordChangeRequired'));
  throw new LedgerError(result.error);
}

const camel = (channel: string) => channel.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase());
const methods: Record<string, (request: unknown) => Promise<unknown>> = {};
for (const channel of CHANNEL_NAMES) methods[camel(channel)] = (request) => call(channel, request);

export const api = methods as unknown as Api;
