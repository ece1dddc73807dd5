/**
 * The reference city platform's command line (npm run platform -- <command>):
 *
 *   serve --data DIR [--port N] [--fault KIND[:N]|KIND@P] [--fault-control]
 *   issue-code --data DIR --office USCC
 *   decide --data DIR --id ID --kind KIND --status STATUS [--note …]
 *   publish-dictionary --data DIR --name NAME --version N --entries code=label,code=label…
 *   publish-unit --data DIR --uscc USCC --name NAME --unit-type TYPE [--parent USCC]
 *   stats --data DIR [--items] [--json]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decide, publishDictionary, publishUnit } from './changes';
import { parseFaultFlag } from './faults';
import { startPlatform } from './server';
import { heldItems, platformStats } from './stats';
import { PlatformStore } from './store';

const OPTIONS = {
  data: { type: 'string' }, port: { type: 'string' }, fault: { type: 'string' }, 'fault-control': { type: 'boolean' },
  office: { type: 'string' }, id: { type: 'string' }, kind: { type: 'string' }, status: { type: 'string' }, note: { type: 'string' },
  name: { type: 'string' }, version: { type: 'string' }, entries: { type: 'string' }, uscc: { type: 'string' },
  'unit-type': { type: 'string' }, parent: { type: 'string' }, items: { type: 'boolean' }, json: { type: 'boolean' },
} as const;

class UsageError extends Error {}

function main(): Promise<number> | number {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  const need = (key: keyof typeof values): string => {
    const v = values[key];
    if (typeof v !== 'string' || v === '') throw new UsageError(`缺少参数 --${key}`);
    return v;
  };
  const print = (text: string, json: unknown) => console.log(values.json ? JSON.stringify(json) : text);
  const dataDir = path.resolve(need('data'));
  const at = new Date().toISOString();
  const withStore = <T>(work: (store: PlatformStore) => T): T => {
    const store = new PlatformStore(dataDir);
    try {
      return work(store);
    } finally {
      store.close();
    }
  };
  switch (positionals[0]) {
    case 'serve':
      return serve(dataDir, values.port ? Number(values.port) : 0, values.fault, Boolean(values['fault-control']), Boolean(values.json));
    case 'issue-code': {
      const office = need('office');
      const code = withStore((s) => s.issueCode(office, at));
      print(`单位 ${office} 的登记码（一次有效）：${code}`, { office, code });
      return 0;
    }
    case 'decide': {
      const changeId = withStore((s) => decide(s, { id: need('id'), kind: need('kind'), status: need('status'), note: values.note ?? null }, at));
      print(`已发布决定（变更 ${changeId}）`, { changeId });
      return 0;
    }
    case 'publish-dictionary': {
      const entries = need('entries').split(',').map((pair) => {
        const [code, ...label] = pair.split('=');
        if (!code || label.length === 0) throw new UsageError(`字典条目须为 代码=名称：${pair}`);
        return { code, label: label.join('=') };
      });
      const changeId = withStore((s) => publishDictionary(s, { name: need('name'), version: Number(need('version')), entries }, at));
      print(`已发布字典（变更 ${changeId}）`, { changeId });
      return 0;
    }
    case 'publish-unit': {
      const changeId = withStore((s) => publishUnit(s, { uscc: need('uscc'), name: need('name'), unitType: need('unit-type'), parentUscc: values.parent ?? null }, at));
      print(`已发布单位（变更 ${changeId}）`, { changeId });
      return 0;
    }
    case 'stats': {
      const stats = withStore((s) => ({ ...platformStats(s), ...(values.items ? { held: heldItems(s) } : {}) }));
      print(JSON.stringify(stats, null, 2), stats);
      return 0;
    }
    default:
      throw new UsageError(`未知命令：${positionals[0] ?? '（无）'}；可用 serve、issue-code、decide、publish-dictionary、publish-unit、stats`);
  }
}

async function serve(dataDir: string, port: number, fault: string | undefined, faultControl: boolean, json: boolean): Promise<number> {
  const platform = await startPlatform({ dataDir, port, fault: fault ? parseFaultFlag(fault) : undefined, faultControl });
  console.log(json ? JSON.stringify({ url: platform.url }) : `市平台（参考实现）已启动：${platform.url}  数据目录：${dataDir}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await platform.close();
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`错误：${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
