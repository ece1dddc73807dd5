import { createHandlerRegistry } from '../../electron/ipc/registry';
import { HANDLERS } from '../../electron/ipc/handlers';
import { Session } from '../../electron/ipc/session';
import type { AppErrorShape } from '../../shared/contract/errors';
import { TEST_PASSWORD, type TestApp } from './testApp';

/** The handler registry on a test app's data, and calls through it as a window would make them. */
export function registryCalls(app: TestApp) {
  const registry = createHandlerRegistry({ deps: app.deps, host: { openPath: async () => true }, appVersion: 'test' }, HANDLERS);
  async function ok<T = Record<string, unknown>>(session: Session, channel: string, payload: unknown = {}): Promise<T> {
    const result = await registry.invoke(channel, payload, session);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.data as T;
  }
  async function fail(session: Session, channel: string, payload: unknown = {}): Promise<AppErrorShape> {
    const result = await registry.invoke(channel, payload, session);
    if (result.ok) throw new Error(`${channel} should have been refused, got ${JSON.stringify(result.data)}`);
    return result.error;
  }
  async function signIn(username: string, password = TEST_PASSWORD) {
    const session = new Session();
    const user = await ok(session, 'auth.login', { username, password });
    return { session, user };
  }
  return { registry, ok, fail, signIn };
}
