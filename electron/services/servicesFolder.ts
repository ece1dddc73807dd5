import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * electron/services when run from the sources (tsx), the bundle's own folder (dist/electron) in the desktop app.
 * import.meta.url first: under tsx, __dirname is "." when a module is reached from a CommonJS caller (a worker
 * thread's start-up code); in the CommonJS bundle import.meta is empty and __dirname is right.
 */
export const SERVICES_FOLDER = import.meta.url ? path.dirname(fileURLToPath(import.meta.url)) : __dirname;

/** require() as from that folder: node_modules resolves from there, inside the installed app's asar archive too. */
export const requireFromServices = createRequire(path.join(SERVICES_FOLDER, 'servicesFolder.ts'));
