import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from 'ledger:channel-names';

/**
 * The renderer's whole view of the main process: invoke(channel, payload) for the contract's channels.
 * No Node, no ipcRenderer, no other channel. The channel names are written into this bundle when it is
 * built (scripts/build-electron.mjs), so the sandboxed preload carries a list of names and nothing of the
 * contract's schemas; the main process validates every payload.
 */
const allowed = new Set<string>(CHANNEL_NAMES);

contextBridge.exposeInMainWorld('ledger', {
  invoke(channel: string, payload: unknown) {
    if (!allowed.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `未知的调用：${channel}` } });
    }
    return ipcRenderer.invoke('ledger:invoke', channel, payload);
  },
});
