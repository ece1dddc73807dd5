// Draws the application icon with Debian's Chromium (the same one the end-to-end tests use) and the
// Noto CJK font: a red seal square holding 账. Writes build/icon.png (1024 px, Linux and electron-builder's
// source), build/icons/<n>x<n>.png (Linux hicolor sizes) and build/icon.ico (Windows, PNG entries).
// Run: node scripts/make-icons.mjs — nothing is downloaded.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';

const BUILD = path.resolve(import.meta.dirname, '../build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const svg = (size) => `<!doctype html><html><body style="margin:0;background:transparent">
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
  <rect x="4" y="4" width="92" height="92" rx="18" fill="#b3261e"/>
  <rect x="11" y="11" width="78" height="78" rx="12" fill="none" stroke="#fff" stroke-width="${size < 48 ? 4 : 2.5}"/>
  <text x="50" y="71" text-anchor="middle" font-family="Noto Serif CJK SC, Noto Sans CJK SC, serif" font-weight="700" font-size="58" fill="#fff">账</text>
</svg></body></html>`;

async function render(page, size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(svg(size));
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** An .ico whose entries are PNG images (Windows Vista and later read these). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  fs.mkdirSync(path.join(BUILD, 'icons'), { recursive: true });
  fs.writeFileSync(path.join(BUILD, 'icon.png'), await render(page, 1024));
  const pngs = new Map();
  for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES])) pngs.set(size, await render(page, size));
  for (const size of LINUX_SIZES) fs.writeFileSync(path.join(BUILD, 'icons', `${size}x${size}.png`), pngs.get(size));
  fs.writeFileSync(path.join(BUILD, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  console.log('wrote build/icon.png, build/icons/*.png, build/icon.ico');
} finally {
  await browser.close();
}
