import fs from 'node:fs';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import path from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

/**
 * electron-updater run under plain Node, the way electron-builder's own tests run it: an app adapter in
 * place of Electron's `app`, and an HTTP executor on Node's http in place of Electron's `net`.
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return http.request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers || undefined, redirect: 'manual' };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null }, 0);
    });
  }
}

export function nodeRunUpdater(version: string, workDir: string): NsisUpdater {
  const appUpdateConfigPath = path.join(workDir, 'app-update.yml');
  fs.writeFileSync(appUpdateConfigPath, 'provider: generic\nurl: http://127.0.0.1/\nupdaterCacheDirName: integrity-ledger-updater\n');
  const adapter: AppAdapter = {
    version,
    name: 'integrity-ledger',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: path.join(workDir, 'user-data'),
    baseCachePath: path.join(workDir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new NsisUpdater(null, adapter);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.logger = null;
  return updater;
}
