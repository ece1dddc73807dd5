import { serveImportJobs } from '../excel/importWorker';
import { IMPORT_LEDGERS } from './index';

/** The import worker thread (bundled as dist/electron/importWorker.cjs): every ledger's import, by name. */
serveImportJobs(IMPORT_LEDGERS);
