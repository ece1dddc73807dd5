/**
 * Sync bench (part of npm run bench; alone: tsx test/bench/sync.ts [--items N] [--decisions N]).
 *
 * A workstation with N generated records uploads them to the reference platform, which runs in its own
 * process on loopback: outbox read, batching, gzip, signing, the platform's validation and storage, and
 * the receipts applied — end to end. The client's resident memory is read after 5,000 items and at the
 * end, to show it is bounded by the batch, not by the count. Then the platform publishes decisions on a
 * part of them and the workstation downloads and applies them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { SyncClient } from '../../electron/sync/syncClient';
import { decide } from '../platform/changes';
import { PlatformStore } from '../platform/store';
import { seedGeneratedRecords } from '../support/seedRecords';
import { argOf, isMainScript, runBenchPartInChild } from './benchProcess';
import { createTestApp, TEST_OFFICE, tempDir } from '../support/testApp';

export interface SyncBenchResult {
  upload_items_per_s: number;
  upload_rss_mb_5k: number;
  upload_rss_mb_50k: number;
  pull_items_per_s: number;
  upload_items: number;
  pull_decisions: number;
  /** CPU seconds the upload took in the client and in the platform process (wall time also counts other programs). */
  upload_client_cpu_s: number;
  upload_platform_cpu_s: number | null;
  sync_loadavg_1m: number;
}

/** CPU time of another process in ms (Linux /proc), or null where that cannot be read. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const rssMb = () => Math.round((process.memoryUsage.rss() / 1024 / 1024) * 10) / 10;

/** The reference platform as a separate process, so the memory measured is the client's alone. */
async function startPlatformProcess(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/platform/cli.ts', 'serve', '--data', dataDir, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`platform exited (${code})`)));
  });
  return { url: (JSON.parse(firstLine) as { url: string }).url, child };
}

export async function runSyncBench(options: { items?: number; decisions?: number; log?: (...a: unknown[]) => void } = {}): Promise<SyncBenchResult> {
  const items = options.items ?? 50_000;
  const decisions = Math.min(options.decisions ?? 10_000, items);
  const log = options.log ?? console.log;
  const platformDir = tempDir('bench-platform-');
  const app = await createTestApp();
  let platform: { url: string; child: ChildProcess } | null = null;
  try {
    log(`\n上报：生成 ${items} 条记录…`);
    await seedGeneratedRecords(app.db, { count: items, seed: 11_2026, clerk: app.clerk, reviewer: app.reviewer, batch: 5_000 });
    const setup = new PlatformStore(platformDir);
    const code = setup.issueCode(TEST_OFFICE.officeUscc, new Date().toISOString());
    setup.close();
    platform = await startPlatformProcess(platformDir);
    const client = new SyncClient(app.deps);
    await client.enrol(app.admin, { url: platform.url, code });

    global.gc?.();
    let rss5k = 0;
    let peak = rssMb();
    const platformCpu0 = processCpuMs(platform.child.pid);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await client.push((progress) => {
      peak = Math.max(peak, rssMb());
      if (rss5k === 0 && progress.items >= 5_000) rss5k = peak;
    });
    const uploadS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const platformCpu1 = processCpuMs(platform.child.pid);
    const clientCpuS = Math.round((cpu.user + cpu.system) / 1e4) / 100;
    const platformCpuS = platformCpu0 === null || platformCpu1 === null ? null : Math.round((platformCpu1 - platformCpu0) / 10) / 100;
    peak = Math.max(peak, rssMb());
    if (report.fault || report.accepted !== items) throw new Error(`upload incomplete: ${JSON.stringify(report)}`);
    log(`上报 ${items} 条：${uploadS.toFixed(1)} s（${Math.round(items / uploadS)} 条/秒），内存 5,000 条时 ${rss5k} MB，${items} 条时 ${peak} MB`);
    log(`  其中 CPU：客户端 ${clientCpuS} s，平台 ${platformCpuS ?? '—'} s（系统负载 ${os.loadavg()[0].toFixed(2)}，墙钟时间含其他程序的占用）`);

    const ids = await app.db.read((sql) => sql.all<{ id: string }>(`SELECT id FROM dishonesty_records ORDER BY seq LIMIT ?`, decisions).map((r) => r.id));
    const publisher = new PlatformStore(platformDir);
    publisher.db.transaction(() => {
      const at = new Date().toISOString();
      for (const [i, id] of ids.entries()) decide(publisher, { id, kind: 'dishonesty_record', status: i % 2 ? 'repaired' : 'revoked', note: '基准测试决定' }, at);
    })();
    publisher.close();
    const t1 = performance.now();
    const pulled = await client.pull({ approve: app.admin });
    const pullS = (performance.now() - t1) / 1000;
    if (pulled.fetched !== decisions) throw new Error(`download incomplete: ${JSON.stringify(pulled)}`);
    log(`下载并应用 ${decisions} 项决定：${pullS.toFixed(1)} s（${Math.round(decisions / pullS)} 项/秒；应用 ${pulled.applied}，未变 ${pulled.unchanged}）`);
    return {
      upload_items_per_s: Math.round(items / uploadS),
      upload_rss_mb_5k: rss5k,
      upload_rss_mb_50k: peak,
      pull_items_per_s: Math.round(decisions / pullS),
      upload_items: items,
      pull_decisions: decisions,
      upload_client_cpu_s: clientCpuS,
      upload_platform_cpu_s: platformCpuS,
      sync_loadavg_1m: Math.round(os.loadavg()[0] * 100) / 100,
    };
  } finally {
    platform?.child.kill('SIGTERM');
    await app.close();
    fs.rmSync(platformDir, { recursive: true, force: true });
  }
}

/**
 * The sync bench in a process of its own (as npm run bench runs it), so the memory it reports is the
 * sync client's and not what the ledger benchmarks before it left behind.
 */
export const runSyncBenchInChild = (options: { items: number; decisions: number }) =>
  runBenchPartInChild<SyncBenchResult>('test/bench/sync.ts', ['--items', String(options.items), '--decisions', String(options.decisions)], { echo: true });

if (isMainScript(import.meta.filename)) {
  const count = (name: string) => (argOf(name) === undefined ? undefined : Number(argOf(name)));
  const result = await runSyncBench({ items: count('--items'), decisions: count('--decisions') });
  console.log(JSON.stringify(result));
}
