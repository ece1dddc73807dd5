import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { noticesDocument, noticesPdf, printNotices, testPageDocument } from '../../print/noticeDocuments';
import type { PrintEngine } from '../../print/printEngine';
import {
  addNoticeAttachment, createNotice, getNotice, getNoticeSettings, noticesForSource, queryNotices, transitionNotice, updateNotice,
  updateNoticeSettings,
} from '../../services/notices';
import type { HandlerMap, HostAdapter } from '../registry';

type NoticeChannels =
  | 'notices.list' | 'notices.get' | 'notices.forSource' | 'notices.create' | 'notices.update' | 'notices.transition'
  | 'notices.preview' | 'notices.pdf' | 'notices.print' | 'notices.testPage' | 'notices.settings.get' | 'notices.settings.update'
  | 'notices.attachments.add';

function engineOf(host: HostAdapter): PrintEngine {
  if (!host.printer) throw new AppError(ERROR_CODES.validation, '本机无法排版打印通知书（找不到打印组件）');
  return host.printer;
}

const pdfName = (count: number) => (count === 1 ? '限期整改通知书.pdf' : `限期整改通知书（${count}份）.pdf`);

export const noticeHandlers: HandlerMap<NoticeChannels> = {
  'notices.list': (req, { app }) => queryNotices(app.deps, req),
  'notices.get': (req, { app }) => getNotice(app.deps, req.id),
  'notices.forSource': (req, { app }) => noticesForSource(app.deps, req.sourceKind, req.sourceId),
  'notices.create': (req, { app, actor }) => createNotice(app.deps, actor, req),
  'notices.update': (req, { app, actor }) => updateNotice(app.deps, actor, req),
  'notices.transition': (req, { app, actor }) => transitionNotice(app.deps, actor, req),
  'notices.preview': async (req, { app }) => ({ html: await engineOf(app.host).layout(await noticesDocument(app.deps, req.ids)) }),
  'notices.pdf': async (req, { app, actor }) => ({
    fileName: pdfName(req.ids.length),
    contentBase64: (await noticesPdf(app.deps, actor, engineOf(app.host), req.ids)).toString('base64'),
  }),
  'notices.print': async (req, { app, actor }) => ({ printed: await printNotices(app.deps, actor, engineOf(app.host), req.ids) }),
  'notices.testPage': async (_req, { app }) => ({
    fileName: '限期整改通知书_样张.pdf',
    contentBase64: (await engineOf(app.host).pdf(await testPageDocument(app.deps))).toString('base64'),
  }),
  'notices.settings.get': (_req, { app }) => getNoticeSettings(app.deps),
  'notices.settings.update': (req, { app, actor }) => updateNoticeSettings(app.deps, actor, req),
  'notices.attachments.add': (req, { app, actor }) =>
    addNoticeAttachment(app.deps, actor, req.noticeId, req.fileName, Buffer.from(req.contentBase64, 'base64')),
};
