import { BrowserWindow } from 'electron';
import type { PrintEngine } from '../print/printEngine';

/**
 * The print engine of the desktop app: the notice's HTML (electron/print/noticeLayout.ts) in a hidden window
 * of its own, laid out by its script, then `webContents.printToPDF` (A4 from the CSS page size) or
 * `webContents.print` (the system's print dialog). The same document the CLI and the tests render in Chromium.
 */
async function laidOut(html: string): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    show: false, width: 900, height: 1200,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, spellcheck: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const state = (await win.webContents.executeJavaScript(`new Promise((resolve) => {
      const check = () => document.documentElement.dataset.paginated ? resolve([document.documentElement.dataset.paginated, document.documentElement.dataset.error || '']) : setTimeout(check, 15);
      check();
    })`)) as [string, string];
    if (state[0] !== 'done') throw new Error(`通知书排版失败：${state[1]}`);
    return win;
  } catch (error) {
    win.destroy();
    throw error;
  }
}

export const electronPrintEngine: PrintEngine = {
  async layout(html) {
    const win = await laidOut(html);
    try {
      return (await win.webContents.executeJavaScript('"<!doctype html>" + document.documentElement.outerHTML')) as string;
    } finally {
      win.destroy();
    }
  },
  async pdf(html) {
    const win = await laidOut(html);
    try {
      return await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
    } finally {
      win.destroy();
    }
  },
  async print(html) {
    const win = await laidOut(html);
    try {
      return await new Promise<boolean>((resolve) => {
        win.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success));
      });
    } finally {
      win.destroy();
    }
  },
};
