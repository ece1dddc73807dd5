import { ipcMain, type WebContents } from 'electron';
import type { HandlerRegistry } from '../ipc/registry';
import { Session } from '../ipc/session';
import { isAppUrl } from './security';

export const INVOKE_CHANNEL = 'ledger:invoke';

/**
 * Carry renderer calls to the handler registry. Every event's sender is checked: it must be the main
 * frame of one of our windows showing the bundled renderer. Each window has its own session.
 */
export function registerIpc(registry: HandlerRegistry, isOurWindow: (contents: WebContents) => boolean): void {
  const sessions = new Map<number, Session>();
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url) || !isOurWindow(event.sender)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } };
    }
    let session = sessions.get(event.sender.id);
    if (!session) {
      session = new Session();
      sessions.set(event.sender.id, session);
      event.sender.once('destroyed', () => sessions.delete(event.sender.id));
    }
    return registry.invoke(channel, payload, session);
  });
}
