// The layering of the architecture as an allow-list per folder (after VS Code's code-layering rule): each
// import of a project file is resolved against the importing file, and the folder it lands in must be one
// the importing folder may use. An allow-list is stronger than a deny-list: a new folder is forbidden to
// everyone until it is given a place here. Packages (electron, Node built-ins) are checked by
// no-restricted-imports in eslint.config.js.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Service folders that every service may use: the building blocks and the foundation. */
const SERVICE_BLOCKS = ['ledger', 'excel', 'files', 'audit', 'outbox', 'settings', 'users', 'drafts', 'directory'];
/** The ledgers: each may use the blocks and itself, never another ledger (except as listed in LEDGER_LINKS). */
export const LEDGERS = ['records', 'commitments', 'promises', 'notices'];
/** A ledger that makes entities of another in one step (an overdue commitment → a dishonesty record). */
const LEDGER_LINKS = { commitments: ['records', 'notices'], promises: ['records', 'notices'], notices: ['records', 'commitments', 'promises'] };

const serviceFiles = 'electron/services/*.ts';
const servicesFor = (ledger) => [
  serviceFiles,
  ...SERVICE_BLOCKS.map((b) => `electron/services/${b}`),
  `electron/services/${ledger}`,
  ...(LEDGER_LINKS[ledger] ?? []).map((l) => `electron/services/${l}`),
];
const everyService = 'electron/services';

/** Folder (longest prefix wins) → the folders and files it may import. `shared` means all of shared/. */
export const LAYERS = {
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
  'electron/preload': ['electron/preload'],
  'electron/main': ['electron', 'shared'],
  'electron/db': ['electron/db', 'shared'],
  'electron/services': [everyService, 'electron/db', 'shared'],
  ...Object.fromEntries(SERVICE_BLOCKS.map((b) => [`electron/services/${b}`, [serviceFiles, ...SERVICE_BLOCKS.map((x) => `electron/services/${x}`), 'electron/db', 'shared']])),
  ...Object.fromEntries(LEDGERS.map((l) => [`electron/services/${l}`, [...servicesFor(l), 'electron/db', 'shared']])),
  // the list of the ledgers, for what looks across all of them; only the composition layers import it
  'electron/services/catalog': [everyService, 'electron/db', 'shared'],
  'electron/ipc': ['electron/ipc', everyService, 'electron/sync', 'electron/print', 'electron/db', 'shared', 'electron/appVersion.ts'],
  'electron/sync': ['electron/sync', everyService, 'electron/db', 'shared'],
  'electron/print': ['electron/print', everyService, 'electron/db', 'shared'],
  'electron/harness': ['electron/harness', 'electron/ipc', everyService, 'electron/sync', 'electron/print', 'electron/db', 'shared', 'electron/appVersion.ts'],
  'electron/cli': ['electron/cli', 'electron/ipc', everyService, 'electron/sync', 'electron/print', 'electron/db', 'shared', 'electron/appVersion.ts'],
};

const toProjectPath = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** Whether project path `target` lies under `allowed` (a folder, a file, or a folder's direct *.ts files). */
function covers(allowed, target) {
  if (allowed.endsWith('/*.ts')) {
    const folder = allowed.slice(0, -'/*.ts'.length);
    return path.posix.dirname(target) === folder;
  }
  return target === allowed || target.startsWith(`${allowed}/`) || target.replace(/\.(ts|tsx)$/, '') === allowed.replace(/\.(ts|tsx)$/, '');
}

export function layerOf(projectPath) {
  return Object.keys(LAYERS).filter((layer) => covers(layer, projectPath)).sort((a, b) => b.length - a.length)[0] ?? null;
}

export const layeringRule = {
  meta: { type: 'problem', schema: [], messages: { denied: '{{from}} 不得引用 {{target}}（分层规则见 scripts/eslint-layering.js：{{from}} 只可引用 {{allowed}}）' } },
  create(context) {
    const file = toProjectPath(context.filename);
    const layer = layerOf(file);
    if (!layer) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = toProjectPath(path.resolve(path.dirname(context.filename), source));
      if (LAYERS[layer].some((allowed) => covers(allowed, target))) return;
      context.report({ node, messageId: 'denied', data: { from: layer, target, allowed: LAYERS[layer].join('、') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
