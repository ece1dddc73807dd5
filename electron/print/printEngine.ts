/**
 * What renders the print layout (noticeLayout.ts): in the desktop app a hidden window (webContents.printToPDF
 * and webContents.print, electron/main/printWindow.ts), under Node Chromium through Playwright
 * (chromiumEngine.ts, for the CLI, the web harness and the tests). Both run the same HTML and its script.
 */
export interface PrintEngine {
  /** The document laid out (paginated), as static HTML: what the preview shows. */
  layout(html: string): Promise<string>;
  /** The document as PDF (A4 from the CSS page size). */
  pdf(html: string): Promise<Buffer>;
  /** Print through the system's dialog; false when cancelled. Absent where there is no printer dialog. */
  print?(html: string): Promise<boolean>;
}
