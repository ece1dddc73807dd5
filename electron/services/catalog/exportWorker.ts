import { serveExportJobs } from '../excel/exportWorker';
import { EXPORT_LEDGERS } from './index';

/** The export worker thread (bundled as dist/electron/exportWorker.cjs): every ledger's export, by name. */
serveExportJobs(EXPORT_LEDGERS);
