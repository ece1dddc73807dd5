import { notFound } from '../../../shared/contract/errors';
import { requirePermission } from '../../services/permissions';
import { syncClientFor } from '../../sync/appSync';
import { batchReceipts, listBatches, openConflicts, rejectedItems, uploadState } from '../../sync/views';
import { todayIso as localDay } from '../../../shared/validation/dates';
import type { HandlerMap } from '../registry';

type SyncChannels = 'sync.status' | 'sync.enrol' | 'sync.now' | 'sync.approvePull' | 'sync.batches' | 'sync.batchReceipts' | 'sync.rejected' | 'sync.exportFile' | 'sync.importReceipts' | 'sync.conflicts' | 'sync.uploadState';

export const syncHandlers: HandlerMap<SyncChannels> = {
  'sync.status': async (_req, { app }) => {
    const client = syncClientFor(app.deps);
    return { ...(await client.status()), running: client.busy };
  },
  'sync.enrol': (req, { app, actor }) => syncClientFor(app.deps).enrol(actor, req),
  'sync.now': async (_req, { app, actor }) => {
    requirePermission(actor, 'sync.run');
    return syncClientFor(app.deps).syncNow();
  },
  'sync.approvePull': async (_req, { app, actor }) => {
    const pull = await syncClientFor(app.deps).pull({ approve: actor });
    return { push: { batches: 0, items: 0, accepted: 0, duplicate: 0, stale: 0, rejected: 0, fault: null }, pull };
  },
  'sync.batches': (req, { app }) => app.deps.db.read((sql) => listBatches(sql, req.page, req.pageSize)),
  'sync.batchReceipts': async (req, { app }) => {
    const found = await app.deps.db.read((sql) => batchReceipts(sql, req.batchId));
    if (!found) throw notFound('找不到该批次');
    return found;
  },
  'sync.rejected': (_req, { app }) => app.deps.db.read((sql) => rejectedItems(sql)),
  'sync.exportFile': async (_req, { app, actor }) => {
    requirePermission(actor, 'sync.run');
    const file = await syncClientFor(app.deps).batchFileBytes();
    const day = localDay(app.deps.now());
    return { fileName: `上报-${day}.ledgerbatch`, contentBase64: file.bytes.toString('base64'), batches: file.batches, items: file.items };
  },
  'sync.importReceipts': (req, { app, actor }) => {
    requirePermission(actor, 'sync.run');
    return syncClientFor(app.deps).importReceipts(Buffer.from(req.contentBase64, 'base64'));
  },
  'sync.conflicts': (_req, { app }) => app.deps.db.read((sql) => openConflicts(sql)),
  'sync.uploadState': (req, { app }) => app.deps.db.read((sql) => uploadState(sql, req.kind, req.id)),
};
