import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeFrame, FakeWebContents, loadedFake } from '../../support/fakeElectron';
import { INVOKE_CHANNEL, registerIpc } from '../../../electron/main/ipcBridge';
import type { HandlerRegistry } from '../../../electron/ipc/registry';
import type { Session } from '../../../electron/ipc/session';

vi.mock('electron', () => import('../../support/fakeElectron'));

/** IPC reaches the handler registry only from the main frame of our own window showing app://ledger. */
describe('IPC bridge', () => {
  const calls: Array<{ channel: unknown; payload: unknown; session: Session }> = [];
  const registry = {
    invoke: async (channel: unknown, payload: unknown, session: Session) => {
      calls.push({ channel, payload, session });
      return { ok: true, data: 'handled' };
    },
  } as unknown as HandlerRegistry;
  const ours = new FakeWebContents('app://ledger/index.html');
  let invoke: (event: unknown, channel: unknown, payload: unknown) => Promise<unknown>;

  beforeAll(async () => {
    const electron = await loadedFake();
    registerIpc(registry, (contents) => (contents as unknown) === ours);
    invoke = electron.ipcMain.handlers.get(INVOKE_CHANNEL) as typeof invoke;
  });

  const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } };

  it('passes a call from our window’s main frame to the registry', async () => {
    expect(await invoke({ sender: ours, senderFrame: ours.mainFrame }, 'session.status', {})).toEqual({ ok: true, data: 'handled' });
    expect(calls.at(-1)?.channel).toBe('session.status');
  });

  it('refuses a call from a sub-frame, another origin, another window or a vanished frame', async () => {
    const before = calls.length;
    const stranger = new FakeWebContents('app://ledger/index.html');
    const navigatedAway = new FakeWebContents('https://example.com/');
    const cases = [
      { sender: ours, senderFrame: new FakeFrame('app://ledger/index.html') }, // an iframe
      { sender: ours, senderFrame: null },
      { sender: stranger, senderFrame: stranger.mainFrame },
      { sender: navigatedAway, senderFrame: navigatedAway.mainFrame },
    ];
    for (const event of cases) expect(await invoke(event, 'users.list', {})).toEqual(forbidden);
    const wrongOrigin = new FakeWebContents('app://ledger.evil/index.html');
    registerIpc(registry, (contents) => (contents as unknown) === wrongOrigin);
    const electron = await loadedFake();
    const second = electron.ipcMain.handlers.get(INVOKE_CHANNEL) as typeof invoke;
    expect(await second({ sender: wrongOrigin, senderFrame: wrongOrigin.mainFrame }, 'users.list', {})).toEqual(forbidden);
    expect(calls.length).toBe(before);
  });

  it('keeps one session per window and forgets it when the window is destroyed', async () => {
    await invoke({ sender: ours, senderFrame: ours.mainFrame }, 'a', {});
    await invoke({ sender: ours, senderFrame: ours.mainFrame }, 'b', {});
    const [first, second] = calls.slice(-2).map((c) => c.session);
    expect(first).toBe(second);
    ours.emit('destroyed');
    await invoke({ sender: ours, senderFrame: ours.mainFrame }, 'c', {});
    expect(calls.at(-1)?.session).not.toBe(first);
  });
});
