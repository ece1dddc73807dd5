import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, validationFailure } from '../../shared/contract/errors';
import { officeSchema, passwordField, usernameField } from '../../shared/contract/session';
import { ROLE_LABELS, ROLES } from '../../shared/domain/roles';
import { requiredText } from '../../shared/contract/common';
import { openDatabase, DatabaseOpenError, DATABASE_FILE_NAME, type Db } from '../db/database';
import { MIGRATIONS } from '../db/migrations';
import { verifyAudit } from '../services/audit/auditLog';
import { AUDITED_TABLES } from '../services/catalog';
import { checkKeptHeads, fetchKeptHeads } from '../sync/auditAnchors';
import { DeviceKeyStore } from '../sync/deviceKey';
import { DEFAULT_RETRY } from '../sync/http';
import { logBackup, logExport } from '../services/audit/auditEvents';
import { BackupCheckError, writeBackupFile } from '../services/backup/backupFile';
import { restoreLedger } from '../services/backup/restoreLedger';
import { formatAuditHead } from '../../shared/domain/auditHead';
import { knownMigrationNames } from '../services/backup/beforeMigrations';
import { noteRestore } from '../services/backup/restoreService';
import { DERIVED_RUNNERS } from '../services/catalog';
import { runDerivedStates } from '../services/ledger/derivedSchedule';
import type { Actor, ServiceDeps } from '../services/context';
import { createUser, initializeOffice, toActor } from '../services/users/usersService';
import { UserEntity } from '../db/entities';
import { CliError, readPassword } from './io';
import { SYNC_OPTIONS, SYNC_USAGE, syncCommand } from './syncCommands';
import { backupKeyOf, cliKeys, KEY_OPTIONS, KEY_USAGE, keyCommand } from './keyCommands';
import { figuresCommand, ledgerFilesOf } from './ledgerFiles';
import { NOTICE_OPTIONS, NOTICE_USAGE, noticeCommand } from './noticeCommands';

z.config(z.locales.zhCN());

const USAGE = `政务诚信台账命令行（npm run cli -- <命令> 或 ledger <命令>）

  init --data 目录 --office-name 单位名称 --office-uscc 统一社会信用代码 --admin 登录名
       [--admin-name 姓名] [--notice-prefix 文号前缀]     初始化数据目录（密码取自 LEDGER_PASSWORD 或提示输入）
  user add --data 目录 --name 登录名 --display-name 姓名 --role 录入员|审核员|管理员（或 clerk|reviewer|admin）
  migrate --data 目录                                     升级数据库结构
  verify-audit --data 目录 [--against-platform]           校验审计日志链（并与市平台保存的链头核对）
  backup --data 目录 --to 文件                            在线备份并做完整性检查（先写临时文件，检查后再改名）
  restore --data 目录 --from 文件 [--backup-recovery-key 恢复密钥]
                                                          从备份恢复（先另存当前台账；须先关闭台账程序）
  import --data 目录 --kind records|commitments|promises 文件 [--dry-run]   从 Excel 导入失信记录、公开承诺或招商引资承诺
  export --data 目录 --kind records|commitments|promises --out 文件         导出到 Excel
  figures --data 目录 [--from YYYY-MM-DD] [--to YYYY-MM-DD]     招商引资承诺兑现率、逾期金额和件数（默认本年度）
${SYNC_USAGE}
${NOTICE_USAGE}
${KEY_USAGE}

  每个命令都支持 --json（机器可读输出）；失败时以非零状态退出。`;

const OPTIONS = {
  data: { type: 'string' }, json: { type: 'boolean' }, 'office-name': { type: 'string' }, 'office-uscc': { type: 'string' },
  'notice-prefix': { type: 'string' }, admin: { type: 'string' }, 'admin-name': { type: 'string' }, name: { type: 'string' },
  role: { type: 'string' }, 'display-name': { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' },
  'dry-run': { type: 'boolean' }, 'against-platform': { type: 'boolean' }, out: { type: 'string' }, from: { type: 'string' }, as: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  ...SYNC_OPTIONS,
  ...KEY_OPTIONS,
  ...NOTICE_OPTIONS,
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function need(values: Values, key: keyof Values, label: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`缺少参数 --${key}（${label}）`, 2, 'USAGE');
  return v;
}

function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationFailure(result.error);
  return result.data;
}

/**
 * Open the data folder's database. Only init may create one: for every other command a folder without a
 * ledger is a mistyped --data, and silently creating an empty ledger there (then "verifying" or backing it up)
 * would hide the mistake.
 */
async function withDb<T>(values: Values, work: (deps: ServiceDeps, db: Db) => Promise<T>, options: { create?: boolean } = {}): Promise<T> {
  const dataDir = path.resolve(need(values, 'data', '数据目录'));
  if (!options.create && !fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))) {
    throw new CliError(`数据目录 ${dataDir} 中没有台账数据库（${DATABASE_FILE_NAME}）：请检查 --data，或先运行 init`, 2, 'NO_DATA');
  }
  const db = await openDatabase(dataDir, { keys: cliKeys(values, dataDir) });
  try {
    return await work({ db, dataDir, now: () => new Date() }, db);
  } finally {
    await db.close();
  }
}

/** The CLI acts as an administrator of the office (the first active one, or --as), marked as such in the audit log. */
async function cliActor(deps: ServiceDeps, values: Values): Promise<Actor> {
  const users = await deps.db.read((sql) => sql.em.getRepository(UserEntity).find({ where: { disabled: false }, order: { createdAt: 'ASC' } }));
  const chosen = values.as ? users.find((u) => u.username === values.as) : users.find((u) => u.role === 'admin');
  if (!chosen) throw new CliError(values.as ? `找不到启用的用户“${values.as}”` : '数据目录尚未初始化（没有管理员），请先运行 init');
  const actor = toActor(chosen);
  return { ...actor, displayName: `${actor.displayName}（命令行）` };
}

/** A role given in English (clerk) or in Chinese (录入员). */
function roleCode(input: string): string {
  const byLabel = ROLES.find((r) => ROLE_LABELS[r] === input.trim());
  return byLabel ?? input.trim();
}

const commands: Record<string, (values: Values, positionals: string[]) => Promise<{ text: string; json: unknown }>> = {
  async init(values) {
    const office = parseWith(officeSchema, {
      officeName: need(values, 'office-name', '单位名称'),
      officeUscc: need(values, 'office-uscc', '单位统一社会信用代码'),
      noticePrefix: values['notice-prefix'] ?? need(values, 'office-name', '单位名称').slice(0, 4),
    });
    const username = parseWith(usernameField, need(values, 'admin', '管理员登录名'));
    const password = parseWith(passwordField('管理员密码'), await readPassword('管理员密码：'));
    return withDb(values, async (deps) => {
      const admin = await initializeOffice(deps, office, { username, displayName: values['admin-name'] ?? username, password });
      return { text: `已初始化：${office.officeName}，管理员 ${admin.username}`, json: { ok: true, office, admin: { id: admin.id, username: admin.username } } };
    }, { create: true });
  },
  async user(values, positionals) {
    if (positionals[1] !== 'add') throw new CliError('用法：user add --data 目录 --name 登录名 --display-name 姓名 --role 录入员|审核员|管理员', 2, 'USAGE');
    const username = parseWith(usernameField, need(values, 'name', '登录名'));
    const role = parseWith(z.enum(ROLES, { error: '角色只能是 clerk（录入员）、reviewer（审核员）或 admin（管理员）' }), roleCode(need(values, 'role', '角色')));
    const displayName = parseWith(requiredText('姓名', 50), values['display-name'] ?? username);
    const password = parseWith(passwordField('密码'), await readPassword(`用户 ${username} 的密码：`));
    return withDb(values, async (deps) => {
      const user = await createUser(deps, await cliActor(deps, values), { username, displayName, role, password });
      return { text: `已添加用户 ${user.username}（${user.displayName}，${ROLE_LABELS[role]}），首次登录时须修改密码`, json: { ok: true, user } };
    });
  },
  async migrate(values) {
    return withDb(values, async (_deps, db) => {
      const applied: Array<{ name: string }> = await db.dataSource.query(`SELECT name FROM migrations ORDER BY id`);
      return { text: `数据库结构已是最新（${applied.length}/${MIGRATIONS.length} 个迁移）`, json: { ok: true, applied: applied.map((m) => m.name) } };
    });
  },
  async 'verify-audit'(values) {
    return withDb(values, async (deps) => {
      // --against-platform: also the chain heads the city platform kept from every upload batch
      const heads = values['against-platform'] ? await fetchKeptHeads(deps, new DeviceKeyStore(deps.dataDir), DEFAULT_RETRY) : null;
      const result = await deps.db.read((sql) => {
        const local = verifyAudit(sql, AUDITED_TABLES);
        const anchored = heads ? checkKeptHeads(sql, heads) : [];
        return { ...local, ok: local.ok && anchored.length === 0, problems: [...local.problems, ...anchored], platformHeads: heads?.length };
      });
      if (!result.ok) {
        const error = new CliError(`审计日志链异常：\n${result.problems.map((p) => `  - ${p.message}`).join('\n')}`, 3, 'AUDIT_BROKEN');
        Object.assign(error, { details: result });
        throw error;
      }
      const anchoredText = heads ? `，与市平台保存的 ${heads.length} 个链头一致` : '';
      return { text: `审计日志链完整：已校验 ${result.checked} 条${anchoredText}`, json: result };
    });
  },
  async backup(values) {
    const to = path.resolve(need(values, 'to', '备份文件'));
    if (fs.existsSync(to)) throw new CliError(`备份文件已存在：${to}（不会覆盖）`, 2, 'USAGE');
    if (!fs.existsSync(path.dirname(to)) || !fs.statSync(path.dirname(to)).isDirectory()) {
      throw new CliError(`备份目录不存在：${path.dirname(to)}（请先创建该文件夹，或换一个位置）`, 2, 'USAGE');
    }
    return withDb(values, async (deps, db) => {
      const actor = await cliActor(deps, values);
      let written;
      try {
        written = writeBackupFile(db.file, to, { key: db.key });
      } catch (error) {
        if (error instanceof BackupCheckError) throw new CliError(error.message, 1, 'BACKUP_CORRUPT');
        throw error;
      }
      const { bytes, sha256 } = written;
      const { auditHead } = written.identity;
      await logBackup(deps, actor, { file: to, bytes, auditHead });
      return {
        text: `已备份到 ${to}（${(bytes / 1024 / 1024).toFixed(1)} MB），完整性检查通过；审计链头 ${formatAuditHead(auditHead)}`,
        json: { ok: true, file: to, bytes, sha256, integrity: 'ok', auditHead },
      };
    });
  },
  async restore(values) {
    const dataDir = path.resolve(need(values, 'data', '数据目录'));
    const from = path.resolve(need(values, 'from', '备份文件'));
    if (!fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))) {
      throw new CliError(`数据目录 ${dataDir} 中没有台账数据库（${DATABASE_FILE_NAME}）：请检查 --data，或先运行 init`, 2, 'NO_DATA');
    }
    const key = cliKeys(values, dataDir).load();
    if (!key) throw new CliError('本机没有这个台账的密钥：请用 --recovery-key 给出它的恢复密钥', 1, 'NO_KEY');
    const result = restoreLedger(dataDir, from, { knownMigrations: knownMigrationNames(), now: new Date(), keyHex: key.hex, backupKeyHex: backupKeyOf(values)?.hex });
    return withDb(values, async (deps) => {
      await noteRestore(deps, await cliActor(deps, values), from, result);
      return {
        text: `已从 ${from} 恢复“${result.officeName ?? ''}”的台账；恢复前的台账已另存为 ${result.safetyCopy}`,
        json: { ok: true, from, safetyCopy: result.safetyCopy, officeName: result.officeName },
      };
    });
  },
  async import(values, positionals) {
    const ledger = ledgerFilesOf(need(values, 'kind', '台账类型'));
    const file = positionals[1];
    if (!file) throw new CliError('缺少要导入的文件', 2, 'USAGE');
    if (!fs.existsSync(file)) throw new CliError(`找不到文件：${file}`, 2, 'USAGE');
    return withDb(values, async (deps) => {
      const result = await ledger.importWorkbook(deps, await cliActor(deps, values), fs.readFileSync(file), { dryRun: Boolean(values['dry-run']), fileName: path.basename(file) });
      const lines = result.rejected.map((r) => `  第 ${r.row} 行 【${r.column}】 ${r.reason}`);
      const head = `${result.dryRun ? '预检' : '导入'}完成：共 ${result.totalRows} 行，${result.dryRun ? '可导入' : '已导入'} ${result.accepted} 行，拒绝 ${result.rejected.length} 处`;
      return { text: [head, ...lines].join('\n'), json: { dryRun: result.dryRun, totalRows: result.totalRows, accepted: result.accepted, rejected: result.rejected } };
    });
  },
  async export(values) {
    const ledger = ledgerFilesOf(need(values, 'kind', '台账类型'));
    const out = path.resolve(need(values, 'out', '输出文件'));
    return withDb(values, async (deps) => {
      const actor = await cliActor(deps, values);
      // states that followed from a date while no program had the ledger open (逾期未兑现) are made first, as at the app's start
      await runDerivedStates(deps, DERIVED_RUNNERS);
      const { bytes, count } = await ledger.exportWorkbook(deps);
      fs.writeFileSync(out, bytes);
      await logExport(deps, actor, { kind: ledger.label, fileName: path.basename(out), count });
      return { text: `已导出 ${count} ${ledger.unit}到 ${out}`, json: { ok: true, file: out, count } };
    });
  },
  key: (values, positionals) => keyCommand(values, positionals, () => path.resolve(need(values, 'data', '数据目录'))),
  async figures(values) {
    return withDb(values, (deps) => figuresCommand(deps, values.from, values.to));
  },
  sync: (values, positionals) => syncCommand(values, positionals, { withDb: (work) => withDb(values, work), actor: (deps) => cliActor(deps, values) }),
  notice: (values, positionals) => noticeCommand(values, positionals, { withDb: (work) => withDb(values, work), actor: (deps) => cliActor(deps, values) }),
};

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    return 2;
  }
  const values = parsed.values as Values;
  const [command] = parsed.positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const run = commands[command];
  try {
    if (!run) throw new CliError(`未知命令：${command}\n\n${USAGE}`, 2, 'USAGE');
    const result = await run(values, parsed.positionals);
    console.log(values.json ? JSON.stringify(result.json) : result.text);
    return 0;
  } catch (error) {
    const known = error instanceof CliError || error instanceof AppError || error instanceof DatabaseOpenError;
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof CliError || error instanceof AppError ? error.code : error instanceof DatabaseOpenError ? `DB_${error.reason.toUpperCase().replace('-', '_')}` : 'INTERNAL';
    const field = error instanceof AppError ? error.field : undefined;
    if (values.json) console.log(JSON.stringify({ ok: false, error: { code, message, field }, ...(error as { details?: object }).details }));
    else console.error(`错误：${message}`);
    if (!known) console.error(error);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

process.exitCode = await main();
