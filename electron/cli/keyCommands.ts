import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '../db/database';
import { fileKind, isNotADatabase, openLedgerConnection } from '../db/ledgerConnection';
import { defaultKeyProvider, givenKey, keptKeyOrNull, keyFileProvider, LedgerKey, LedgerKeyFormatError, type LedgerKeyProvider } from '../db/ledgerKey';
import { CliError } from './io';

export const KEY_USAGE = `  key show --data 目录                                   显示台账的恢复密钥（请打印后锁进保险柜）
  key import --data 目录 --recovery-key 恢复密钥|--key-file 文件
                                                          把恢复密钥设为本机的台账密钥（换电脑后使用）

  台账数据库和附件是加密的。密钥默认在数据目录的 ledger-key.bin（仅本用户可读），
  或环境变量 LEDGER_KEY_FILE 指定的文件；任何命令都可以用 --recovery-key 恢复密钥 或 --key-file 文件 临时给出密钥。
  restore 恢复另一台电脑的备份时，用 --backup-recovery-key 给出那台电脑的恢复密钥。`;

export const KEY_OPTIONS = {
  'recovery-key': { type: 'string' }, 'key-file': { type: 'string' }, 'backup-recovery-key': { type: 'string' },
} as const;

interface KeyValues {
  data?: string;
  'recovery-key'?: string;
  'key-file'?: string;
  'backup-recovery-key'?: string;
}

function parseKey(text: string, label: string): LedgerKey {
  try {
    return LedgerKey.fromRecoveryKey(text);
  } catch (error) {
    if (error instanceof LedgerKeyFormatError) throw new CliError(`${label}格式不对：${error.message}`, 2, 'USAGE');
    throw error;
  }
}

/** The key the command line gives (--recovery-key, --key-file), else the data folder's own (LEDGER_KEY_FILE or ledger-key.bin). */
export function cliKeys(values: KeyValues, dataDir: string): LedgerKeyProvider {
  if (values['recovery-key'] && values['key-file']) throw new CliError('--recovery-key 和 --key-file 只能给出一个', 2, 'USAGE');
  if (values['recovery-key']) return givenKey(parseKey(values['recovery-key'], '恢复密钥'));
  if (values['key-file']) {
    const file = path.resolve(values['key-file']);
    if (!fs.existsSync(file)) throw new CliError(`找不到密钥文件：${file}`, 2, 'USAGE');
    return keyFileProvider(file);
  }
  return defaultKeyProvider(dataDir);
}

/** The key of a backup made on another computer, when given. */
export function backupKeyOf(values: KeyValues): LedgerKey | undefined {
  return values['backup-recovery-key'] ? parseKey(values['backup-recovery-key'], '备份的恢复密钥') : undefined;
}

/** `key show` and `key import`. */
export async function keyCommand(values: KeyValues, positionals: string[], dataDirOf: () => string): Promise<{ text: string; json: unknown }> {
  const action = positionals[1];
  const dataDir = dataDirOf();
  const ledger = path.join(dataDir, DATABASE_FILE_NAME);
  if (fileKind(ledger) !== 'encrypted') throw new CliError(`数据目录 ${dataDir} 中没有加密的台账数据库：请检查 --data（未加密的旧台账在第一次打开时加密）`, 2, 'NO_DATA');
  if (action === 'show') {
    const key = cliKeys(values, dataDir).load();
    if (!key) throw new CliError('本机没有这个台账的密钥，无法显示恢复密钥', 1, 'NO_KEY');
    proveKey(ledger, key);
    return { text: `恢复密钥（请打印后妥善保管，凭它可在任何电脑上打开台账）：\n${key.recoveryKey}`, json: { ok: true, recoveryKey: key.recoveryKey } };
  }
  if (action === 'import') {
    if (!values['recovery-key'] && !values['key-file']) throw new CliError('请用 --recovery-key 恢复密钥 或 --key-file 文件 给出要导入的密钥', 2, 'USAGE');
    const key = cliKeys(values, dataDir).load()!;
    proveKey(ledger, key);
    const store = defaultKeyProvider(dataDir);
    const previous = keptKeyOrNull(store); // an unreadable key file is what the import replaces
    if (previous?.equals(key)) return { text: `本机已保存这个台账的密钥（${store.description}）`, json: { ok: true, changed: false } };
    store.save(key);
    return { text: `已保存台账密钥：${store.description}。现在可以直接打开台账了。`, json: { ok: true, changed: true } };
  }
  throw new CliError(`用法：\n${KEY_USAGE}`, 2, 'USAGE');
}

/** A key is kept only once it opens the ledger: a mistyped recovery key never replaces a good key. */
function proveKey(ledger: string, key: LedgerKey): void {
  try {
    openLedgerConnection(ledger, { key, fileMustExist: true, readonly: true }).close();
  } catch (error) {
    if (isNotADatabase(error)) throw new CliError('这个密钥解不开本数据目录的台账：请核对恢复密钥（16 组，每组 4 位）', 1, 'WRONG_KEY');
    throw error;
  }
}
