import {
  addRecordAttachment, createRecord, findDuplicates, getRecord, openAttachment, RECORD_VERSIONING, transitionRecord, updateRecord,
} from '../../services/records';
import { importRecordsInWorker } from '../../services/records/excel/importRecords';
import { buildRecordTemplate, RECORD_EXPORT_LEDGER } from '../../services/records/excel/exportRecords';
import { exportInWorker } from '../../services/excel/exportJob';
import { requirePermission } from '../../services/permissions';
import { startRectificationWithNotice } from '../../services/notices';
import { logExport } from '../../services/audit/auditEvents';
import { todayIso } from '../../../shared/validation/dates';
import { RECORD_SOURCES } from '../../services/catalog';
import { sourcesOf } from '../../services/ledger/links';
import type { HandlerMap } from '../registry';
import { withUploadTags } from '../../sync/views';
import { listRecords } from '../../services/records/recordQuery';

type RecordChannels =
  | 'records.list' | 'records.get' | 'records.create' | 'records.update' | 'records.transition' | 'records.findDuplicates'
  | 'records.attachments.add' | 'records.attachments.open' | 'records.import' | 'records.template' | 'records.export';

/** The local calendar day, for file names (the clerk's date, not UTC's). */
const today = () => todayIso().replace(/-/g, '');

export const recordHandlers: HandlerMap<RecordChannels> = {
  'records.list': (req, { app }) => app.deps.db.read((sql) => withUploadTags(sql, RECORD_VERSIONING.kind, listRecords(sql, req))),
  'records.get': async (req, { app, actor }) => ({
    ...(await getRecord(app.deps, actor, req.id)),
    sources: await app.deps.db.read((sql) => sourcesOf(sql, RECORD_SOURCES, req.id)),
  }),
  'records.create': (req, { app, actor }) => createRecord(app.deps, actor, req.fields, req.draftKey, req.confirmedDuplicate),
  'records.update': (req, { app, actor }) => updateRecord(app.deps, actor, req),
  // 下发整改 also drafts the 限期整改通知书 of the record, in the same transaction (issue 10).
  'records.transition': async (req, { app, actor }) =>
    req.action === 'startRectification' ? (await startRectificationWithNotice(app.deps, actor, req)).record : transitionRecord(app.deps, actor, req),
  'records.findDuplicates': (req, { app, actor }) => findDuplicates(app.deps, actor, req),
  'records.attachments.add': (req, { app, actor }) =>
    addRecordAttachment(app.deps, actor, req.recordId, req.fileName, Buffer.from(req.contentBase64, 'base64')),
  'records.attachments.open': (req, { app }) => openAttachment(app.deps, (file) => app.host.openPath(file), req.attachmentId, req.confirmAltered),
  'records.import': async (req, { app, actor }) => {
    requirePermission(actor, 'records.import');
    // Off the app's thread, so the window keeps answering (and can show progress and cancel) meanwhile.
    return importRecordsInWorker(app.deps, actor, Buffer.from(req.contentBase64, 'base64'), { dryRun: req.dryRun, fileName: req.fileName, jobId: req.jobId });
  },
  'records.template': async () => ({ fileName: '政务失信记录导入模板.xlsx', contentBase64: (await buildRecordTemplate()).toString('base64') }),
  'records.export': async (req, { app, actor }) => {
    // Off the app's thread: 100,000 rows take seconds to read and zip.
    const { bytes, count } = await exportInWorker(app.deps, RECORD_EXPORT_LEDGER, req);
    const fileName = `政务失信记录_${today()}.xlsx`;
    await logExport(app.deps, actor, { kind: '政务失信记录', fileName, count });
    return { fileName, contentBase64: bytes.toString('base64'), count };
  },
};
