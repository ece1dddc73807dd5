import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeEvent, FakeWebContents, loadedFake, type FakeElectron } from '../../support/fakeElectron';
import { hardenApp } from '../../../electron/main/security';

vi.mock('electron', () => import('../../support/fakeElectron'));

/** The hardening every web contents gets, exercised the way Chromium would call it. */
describe('hardenApp', () => {
  let electron: FakeElectron;
  let contents: FakeWebContents;

  beforeAll(async () => {
    electron = await loadedFake();
    hardenApp();
    contents = new FakeWebContents();
    electron.app.emit('web-contents-created', fakeEvent(), contents);
  });

  const navigate = (name: 'will-navigate' | 'will-redirect', url: string) => {
    const event = fakeEvent();
    contents.emit(name, event, url);
    return event.defaultPrevented;
  };

  it('refuses navigation and redirects away from the app, allows moves inside it', () => {
    for (const name of ['will-navigate', 'will-redirect'] as const) {
      expect(navigate(name, 'https://example.com/')).toBe(true);
      expect(navigate(name, 'file:///etc/passwd')).toBe(true);
      expect(navigate(name, 'app://ledgerevil/index.html')).toBe(true);
      expect(navigate(name, 'app://ledger.evil.cn/index.html')).toBe(true);
      expect(navigate(name, 'app://ledger/index.html#/records')).toBe(false);
    }
  });

  it('denies window.open and webviews', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://ledger/index.html' })).toEqual({ action: 'deny' });
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('refuses every permission request and check', () => {
    const { permissionRequest, permissionCheck } = electron.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      permissionRequest!(contents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(permissionCheck!(contents, permission, 'app://ledger')).toBe(false);
    }
  });

  it('cancels requests to remote hosts and lets the app’s own through', () => {
    const cancelled = (url: string) => {
      const callback = vi.fn();
      electron.session.defaultSession.beforeRequest!({ url }, callback);
      return (callback.mock.calls[0][0] as { cancel: boolean }).cancel;
    };
    expect(cancelled('https://example.com/track.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true);
    expect(cancelled('ws://example.com/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('app://ledger/assets/index.js')).toBe(false);
    expect(cancelled('data:image/png;base64,AA==')).toBe(false);
  });
});
