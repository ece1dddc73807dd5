import type { ReactNode } from 'react';
import type { Permission } from '../../../shared/domain/roles';
import { AuditPage } from '../pages/AuditPage';
import { SettingsPage } from '../pages/SettingsPage';
import { UsersPage } from '../pages/UsersPage';
import { BackupPage } from '../pages/backup/BackupPage';
import { UpdatePage } from '../pages/update/UpdatePage';
import { RecordDetailPage } from '../pages/records/RecordDetailPage';
import { RecordFormPage } from '../pages/records/RecordFormPage';
import { RecordImportPage } from '../pages/records/RecordImportPage';
import { RecordsListPage } from '../pages/records/RecordsListPage';
import { SyncPage } from '../pages/sync/SyncPage';
import { WorkbenchPage } from '../pages/workbench/WorkbenchPage';
import { PromisesListPage } from '../pages/promises/PromisesListPage';
import { ProjectDetailPage } from '../pages/promises/ProjectDetailPage';
import { ProjectFormPage } from '../pages/promises/ProjectFormPage';
import { PromiseFiguresPage } from '../pages/promises/PromiseFiguresPage';
import { HandoverAllPage } from '../pages/promises/HandoverAllPage';
import { PromiseImportPage } from '../pages/promises/PromiseImportPage';
import { NoticeDetailPage } from '../pages/notices/NoticeDetailPage';
import { NoticeFormPage } from '../pages/notices/NoticeFormPage';
import { NoticesListPage } from '../pages/notices/NoticesListPage';
import { CommitmentDetailPage } from '../pages/commitments/CommitmentDetailPage';
import { CommitmentFormPage } from '../pages/commitments/CommitmentFormPage';
import { CommitmentImportPage } from '../pages/commitments/CommitmentImportPage';
import { CommitmentsListPage } from '../pages/commitments/CommitmentsListPage';

/** Side navigation: the three ledgers, notices, sync, then administration. Later issues fill the placeholders. */
export interface NavItem {
  path: string;
  label: string;
  group: 'ledger' | 'work' | 'admin';
  permission?: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/workbench', label: '工作台', group: 'work' },
  { path: '/records', label: '政务失信记录', group: 'ledger' },
  { path: '/commitments', label: '公开承诺', group: 'ledger' },
  { path: '/promises', label: '招商引资承诺', group: 'ledger' },
  { path: '/notices', label: '整改通知书', group: 'work' },
  { path: '/sync', label: '上报平台', group: 'work' },
  { path: '/audit', label: '审计日志', group: 'admin', permission: 'audit.read' },
  { path: '/users', label: '用户管理', group: 'admin', permission: 'users.manage' },
  { path: '/settings', label: '系统设置', group: 'admin', permission: 'settings.manage' },
  { path: '/backup', label: '备份与恢复', group: 'admin', permission: 'backup.run' },
  { path: '/update', label: '软件更新', group: 'admin', permission: 'settings.manage' },
];

/** Route patterns, most specific first. */
export const ROUTES: Array<{ pattern: string; nav: string; render: (params: Record<string, string>) => ReactNode }> = [
  { pattern: '/records/new', nav: '/records', render: () => <RecordFormPage /> },
  { pattern: '/records/import', nav: '/records', render: () => <RecordImportPage /> },
  { pattern: '/records/:id/edit', nav: '/records', render: (p) => <RecordFormPage key={p.id} id={p.id} /> },
  { pattern: '/records/:id', nav: '/records', render: (p) => <RecordDetailPage key={p.id} id={p.id} /> },
  { pattern: '/records', nav: '/records', render: () => <RecordsListPage /> },
  { pattern: '/commitments/new', nav: '/commitments', render: () => <CommitmentFormPage /> },
  { pattern: '/commitments/import', nav: '/commitments', render: () => <CommitmentImportPage /> },
  { pattern: '/commitments/:id/edit', nav: '/commitments', render: (p) => <CommitmentFormPage key={p.id} id={p.id} /> },
  { pattern: '/commitments/:id', nav: '/commitments', render: (p) => <CommitmentDetailPage key={p.id} id={p.id} /> },
  { pattern: '/commitments', nav: '/commitments', render: () => <CommitmentsListPage /> },
  { pattern: '/workbench', nav: '/workbench', render: () => <WorkbenchPage /> },
  { pattern: '/promises/new', nav: '/promises', render: () => <ProjectFormPage /> },
  { pattern: '/promises/figures', nav: '/promises', render: () => <PromiseFiguresPage /> },
  { pattern: '/promises/handover', nav: '/promises', render: () => <HandoverAllPage /> },
  { pattern: '/promises/import', nav: '/promises', render: () => <PromiseImportPage /> },
  { pattern: '/promises/projects/:id/edit', nav: '/promises', render: (p) => <ProjectFormPage key={p.id} id={p.id} /> },
  { pattern: '/promises/projects/:id', nav: '/promises', render: (p) => <ProjectDetailPage key={p.id} id={p.id} /> },
  { pattern: '/promises', nav: '/promises', render: () => <PromisesListPage /> },
  { pattern: '/notices/:id/edit', nav: '/notices', render: (p) => <NoticeFormPage key={p.id} id={p.id} /> },
  { pattern: '/notices/:id', nav: '/notices', render: (p) => <NoticeDetailPage key={p.id} id={p.id} /> },
  { pattern: '/notices', nav: '/notices', render: () => <NoticesListPage /> },
  { pattern: '/sync', nav: '/sync', render: () => <SyncPage /> },
  { pattern: '/audit', nav: '/audit', render: () => <AuditPage /> },
  { pattern: '/users', nav: '/users', render: () => <UsersPage /> },
  { pattern: '/settings', nav: '/settings', render: () => <SettingsPage /> },
  { pattern: '/backup', nav: '/backup', render: () => <BackupPage /> },
  { pattern: '/update', nav: '/update', render: () => <UpdatePage /> },
];
