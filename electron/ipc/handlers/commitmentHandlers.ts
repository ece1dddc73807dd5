import {
  addCommitmentAttachment, commitmentDepartments, createCommitment, getCommitment, makeRecordFromCommitment, queryCommitments,
  superviseCommitment, transitionCommitment, updateCommitment,
} from '../../services/commitments';
import { buildCommitmentTemplate, COMMITMENT_EXPORT_LEDGER } from '../../services/commitments/excel/exportCommitments';
import { exportInWorker } from '../../services/excel/exportJob';
import { importCommitmentsInWorker } from '../../services/commitments/excel/importCommitments';
import { openAttachment } from '../../services/files/attachments';
import { requirePermission } from '../../services/permissions';
import { logExport } from '../../services/audit/auditEvents';
import { todayIso } from '../../../shared/validation/dates';
import type { HandlerMap } from '../registry';

type CommitmentChannels =
  | 'commitments.list' | 'commitments.get' | 'commitments.departments' | 'commitments.create' | 'commitments.update'
  | 'commitments.transition' | 'commitments.supervise' | 'commitments.makeRecord' | 'commitments.attachments.add'
  | 'commitments.attachments.open' | 'commitments.import' | 'commitments.template' | 'commitments.export';

const today = () => todayIso().replace(/-/g, '');

export const commitmentHandlers: HandlerMap<CommitmentChannels> = {
  'commitments.list': (req, { app }) => queryCommitments(app.deps, req),
  'commitments.get': (req, { app }) => getCommitment(app.deps, req.id),
  'commitments.departments': (_req, { app }) => commitmentDepartments(app.deps),
  'commitments.create': (req, { app, actor }) => createCommitment(app.deps, actor, req.fields, req.draftKey),
  'commitments.update': (req, { app, actor }) => updateCommitment(app.deps, actor, req),
  'commitments.transition': (req, { app, actor }) => transitionCommitment(app.deps, actor, req),
  'commitments.supervise': (req, { app, actor }) => superviseCommitment(app.deps, actor, req),
  'commitments.makeRecord': (req, { app, actor }) => makeRecordFromCommitment(app.deps, actor, req),
  'commitments.attachments.add': (req, { app, actor }) =>
    addCommitmentAttachment(app.deps, actor, req.commitmentId, req.fileName, Buffer.from(req.contentBase64, 'base64')),
  'commitments.attachments.open': (req, { app }) => openAttachment(app.deps, (file) => app.host.openPath(file), req.attachmentId, req.confirmAltered),
  'commitments.import': async (req, { app, actor }) => {
    requirePermission(actor, 'commitments.import');
    return importCommitmentsInWorker(app.deps, actor, Buffer.from(req.contentBase64, 'base64'), { dryRun: req.dryRun, fileName: req.fileName, jobId: req.jobId });
  },
  'commitments.template': async () => ({ fileName: '公开承诺导入模板.xlsx', contentBase64: (await buildCommitmentTemplate()).toString('base64') }),
  'commitments.export': async (req, { app, actor }) => {
    const { bytes, count } = await exportInWorker(app.deps, COMMITMENT_EXPORT_LEDGER, req);
    const fileName = `公开承诺_${today()}.xlsx`;
    await logExport(app.deps, actor, { kind: '公开承诺', fileName, count });
    return { fileName, contentBase64: bytes.toString('base64'), count };
  },
};
