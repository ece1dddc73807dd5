import {
  createProject, figuresFor, getProject, handOverAll, handOverProject, itemToRecord, promisePeople, queryPromises, recordPayment, setItemWay,
  transitionItem, updateProject,
} from '../../services/promises';
import { buildPromiseTemplate, exportFiguresWorkbook, PROMISE_EXPORT_LEDGER } from '../../services/promises/excel/exportPromises';
import { exportInWorker } from '../../services/excel/exportJob';
import { importPromisesInWorker } from '../../services/promises/excel/importPromises';
import { openAttachment } from '../../services/files/attachments';
import { buildWorkbench } from '../../services/ledger/workbench';
import { WORKBENCH_SOURCES } from '../../services/catalog';
import { requirePermission } from '../../services/permissions';
import { logExport } from '../../services/audit/auditEvents';
import { todayIso } from '../../../shared/validation/dates';
import type { HandlerMap } from '../registry';

type PromiseChannels =
  | 'promises.list' | 'promises.get' | 'promises.people' | 'promises.create' | 'promises.update' | 'promises.handover' | 'promises.handoverAll'
  | 'promises.pay' | 'promises.transition' | 'promises.setWay' | 'promises.toRecord' | 'promises.attachments.open' | 'promises.figures'
  | 'promises.figuresExport' | 'promises.import' | 'promises.template' | 'promises.export' | 'workbench.get';

const stamp = () => todayIso().replace(/-/g, '');

export const promiseHandlers: HandlerMap<PromiseChannels> = {
  'promises.list': (req, { app, actor }) => queryPromises(app.deps, req, actor.id),
  'promises.get': (req, { app }) => getProject(app.deps, req.id),
  'promises.people': (_req, { app }) => promisePeople(app.deps),
  'promises.create': (req, { app, actor }) => createProject(app.deps, actor, req.fields, req.draftKey),
  'promises.update': (req, { app, actor }) => updateProject(app.deps, actor, req),
  'promises.handover': (req, { app, actor }) => handOverProject(app.deps, actor, req),
  'promises.handoverAll': (req, { app, actor }) => handOverAll(app.deps, actor, req),
  'promises.pay': (req, { app, actor }) =>
    recordPayment(app.deps, actor, {
      ...req, voucher: req.voucher ? { fileName: req.voucher.fileName, bytes: Buffer.from(req.voucher.contentBase64, 'base64') } : undefined,
    }),
  'promises.transition': (req, { app, actor }) => transitionItem(app.deps, actor, req),
  'promises.setWay': (req, { app, actor }) => setItemWay(app.deps, actor, req),
  'promises.toRecord': (req, { app, actor }) => itemToRecord(app.deps, actor, req),
  'promises.attachments.open': (req, { app }) => openAttachment(app.deps, (file) => app.host.openPath(file), req.attachmentId, req.confirmAltered),
  'promises.figures': (req, { app }) => figuresFor(app.deps, req.from, req.to),
  'promises.figuresExport': async (req, { app, actor }) => {
    const figures = await figuresFor(app.deps, req.from, req.to);
    const fileName = `招商引资承诺兑现统计_${req.from}_${req.to}.xlsx`;
    const bytes = await exportFiguresWorkbook(figures, app.deps.now());
    await logExport(app.deps, actor, { kind: '招商引资承诺兑现统计', fileName, count: figures.total.dueCount });
    return { fileName, contentBase64: bytes.toString('base64') };
  },
  'promises.import': async (req, { app, actor }) => {
    requirePermission(actor, 'promises.import');
    return importPromisesInWorker(app.deps, actor, Buffer.from(req.contentBase64, 'base64'), { dryRun: req.dryRun, fileName: req.fileName, jobId: req.jobId });
  },
  'promises.template': async () => ({ fileName: '招商引资承诺导入模板.xlsx', contentBase64: (await buildPromiseTemplate()).toString('base64') }),
  'promises.export': async (req, { app, actor }) => {
    const { bytes, count } = await exportInWorker(app.deps, PROMISE_EXPORT_LEDGER, req, actor.id);
    const fileName = `招商引资承诺_${stamp()}.xlsx`;
    await logExport(app.deps, actor, { kind: '招商引资承诺', fileName, count });
    return { fileName, contentBase64: bytes.toString('base64'), count };
  },
  'workbench.get': (req, { app, actor }) =>
    app.deps.db.read((sql) => buildWorkbench(sql, WORKBENCH_SOURCES, { today: todayIso(app.deps.now()), userId: req.mine ? actor.id : null })),
};
