import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import type { Actor, ServiceDeps } from '../services/context';
import { SyncClient } from '../sync/syncClient';
import type { PullReport } from '../sync/pull';
import type { PushReport } from '../sync/push';
import type { SyncStatus } from '../sync/status';
import { CliError } from './io';

/** `sync …` of the command line: the same sync client the app runs, on a data folder. */

export const SYNC_OPTIONS = { url: { type: 'string' }, code: { type: 'string' }, approve: { type: 'boolean' } } as const;

export const SYNC_USAGE = `  sync enrol --data 目录 --url 平台地址 --code 登记码    登记本机到市平台
  sync push --data 目录                                  上报待上报的内容
  sync pull --data 目录 [--approve]                       下载市平台的决定、字典和单位（--approve：管理员确认大批改动）
  sync status --data 目录                                查看上报状态
  sync export-file --data 目录 --out 文件.ledgerbatch    无网络时：写出上报文件
  sync import-receipts --data 目录 文件.ledgerreceipts   无网络时：导入市平台回执`;

interface SyncValues {
  url?: string;
  code?: string;
  approve?: boolean;
  out?: string;
}

export interface CliHelpers {
  withDb<T>(work: (deps: ServiceDeps, db: Db) => Promise<T>): Promise<T>;
  actor(deps: ServiceDeps): Promise<Actor>;
}

type Result = { text: string; json: unknown };

export async function syncCommand(values: SyncValues, positionals: string[], cli: CliHelpers): Promise<Result> {
  const sub = positionals[1];
  const run = SUBCOMMANDS[sub ?? ''];
  if (!run) throw new CliError(`用法：\n${SYNC_USAGE}`, 2, 'USAGE');
  return cli.withDb((deps) => run(new SyncClient(deps), values, positionals, () => cli.actor(deps)));
}

const need = (value: string | undefined, flag: string, label: string) => {
  if (!value || value.trim() === '') throw new CliError(`缺少参数 --${flag}（${label}）`, 2, 'USAGE');
  return value;
};

/** A report that ended in a fault exits non-zero, with the report attached for --json. */
function failOn(report: PushReport | PullReport, result: Result): Result {
  if (!report.fault) return result;
  const error = new CliError(report.fault.message, report.fault.code === 'UNREACHABLE' ? 4 : 1, report.fault.code);
  Object.assign(error, { details: { report } });
  throw error;
}

const SUBCOMMANDS: Record<string, (client: SyncClient, values: SyncValues, positionals: string[], actor: () => Promise<Actor>) => Promise<Result>> = {
  async enrol(client, values, _p, actor) {
    const result = await client.enrol(await actor(), { url: need(values.url, 'url', '平台地址'), code: need(values.code, 'code', '登记码') });
    return { text: `已登记到 ${result.platformUrl}：单位 ${result.officeId}，设备 ${result.deviceId}`, json: { ok: true, ...result } };
  },
  async push(client) {
    const report = await client.push();
    return failOn(report, {
      text: `已上报 ${report.items} 条（${report.batches} 个批次）：接收 ${report.accepted}，重复 ${report.duplicate}，已过期 ${report.stale}，退回 ${report.rejected}`,
      json: { ok: true, ...report },
    });
  },
  async pull(client, values, _p, actor) {
    const report = await client.pull(values.approve ? { approve: await actor() } : {});
    if (report.needsApproval) {
      const { decisions, ledger } = report.needsApproval;
      const error = new CliError(`本次下载有 ${decisions} 条决定，将改动超过台账（${ledger} 条）的十分之一：请管理员确认后用 --approve 再运行`, 5, 'APPROVAL_REQUIRED');
      Object.assign(error, { details: { report } });
      throw error;
    }
    return failOn(report, {
      text: `已下载 ${report.fetched} 条：应用决定 ${report.applied}，冲突 ${report.conflicts}，字典 ${report.dictionaries}，单位 ${report.units}`,
      json: { ok: true, ...report },
    });
  },
  async status(client) {
    const s = await client.status();
    return { text: statusText(s), json: s };
  },
  async 'export-file'(client, values) {
    const out = path.resolve(need(values.out, 'out', '上报文件'));
    const result = await client.exportFile(out);
    return { text: `已写出 ${result.batches} 个批次、${result.items} 条到 ${out}`, json: { ok: true, ...result } };
  },
  async 'import-receipts'(client, _v, positionals) {
    const file = positionals[2];
    if (!file || !fs.existsSync(file)) throw new CliError(file ? `找不到文件：${file}` : '缺少要导入的回执文件', 2, 'USAGE');
    const result = await client.importReceipts(fs.readFileSync(file));
    return { text: `已导入回执：应用 ${result.applied} 个批次，已导入过 ${result.already}，平台拒收 ${result.refused}，不认识 ${result.unknown}`, json: { ok: true, ...result } };
  },
};

function statusText(s: SyncStatus): string {
  if (!s.enrolled) return `本机尚未登记到市平台；待上报 ${s.pending} 条`;
  return [
    `平台：${s.platformUrl}（单位 ${s.officeId}，设备 ${s.deviceId}）`,
    `待上报 ${s.pending} 条，上报中 ${s.inFlight} 条，被退回 ${s.rejected} 条`,
    `上次成功：${s.lastSuccessAt ?? '从未'}`,
    ...(s.fault ? [`故障：${s.fault.message}`] : []),
    ...(s.needsApproval ? [`等待管理员确认：${s.needsApproval.decisions} 条决定`] : []),
    `签名密钥：${s.keyProtection}`,
  ].join('\n');
}
