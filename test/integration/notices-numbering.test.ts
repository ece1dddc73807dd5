/**
 * Numbers under concurrent writers and crashes: 1,000 notices issued by four processes at once (each its own
 * connection), then a process killed with SIGKILL mid-issue, again and again. Each year's numbers are exactly
 * 1..N, none twice, and the audit chain and upload queue hold every issued notice.
 */
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/services/audit/auditLog';
import { AUDITED_TABLES } from '../../electron/services/catalog';
import { createTestApp, type TestApp } from '../support/testApp';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
  await app.db.close(); // the children hold the only connections while they run
});
afterEach(async () => app.close().catch(() => undefined));

function child(count: number, onLine?: (line: string, kill: () => void) => void): Promise<{ code: number | null; signal: string | null; lines: string[] }> {
  const actor = (a: typeof app.clerk) => JSON.stringify(a);
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/issueInChild.ts', app.dataDir, String(count), actor(app.clerk), actor(app.reviewer)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  let buffer = '';
  proc.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      lines.push(line);
      onLine?.(line, () => proc.kill('SIGKILL'));
    }
  });
  return new Promise((resolve) => proc.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(err);
    resolve({ code, signal, lines });
  }));
}

async function numbersInLedger(): Promise<{ seqs: number[]; texts: string[]; audit: { ok: boolean }; uploads: number; issuedCount: number }> {
  const { openDatabase } = await import('../../electron/db/database');
  const db = await openDatabase(app.dataDir);
  try {
    return await db.read((sql) => {
      const rows = sql.all<{ number_seq: number; number_text: string }>(`SELECT number_seq, number_text FROM rectification_notices WHERE number_seq IS NOT NULL ORDER BY number_seq`);
      const uploads = sql.get<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE kind = 'rectification_notice' AND json_extract(data_json, '$.status') = 'issued'`)!.n;
      return { seqs: rows.map((r) => r.number_seq), texts: rows.map((r) => r.number_text), audit: verifyAudit(sql, AUDITED_TABLES), uploads, issuedCount: rows.length };
    });
  } finally {
    await db.close();
  }
}

describe('notice numbers across processes and crashes', () => {
  it('1,000 notices from four concurrent processes are numbered exactly 1..1000', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(() => child(250)));
    for (const r of results) expect(r.code).toBe(0);
    const printed = results.flatMap((r) => r.lines.filter((l) => l.startsWith('issued ')).map((l) => l.slice(7)));
    expect(new Set(printed).size).toBe(1000);
    const { seqs, texts, audit, uploads } = await numbersInLedger();
    expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(new Set(texts).size).toBe(1000);
    expect(texts.every((t) => /^某街诚信〔\d{4}〕[1-9]\d*号$/.test(t))).toBe(true);
    expect(uploads).toBe(1000);
    expect(audit.ok).toBe(true);
  }, 600_000);

  it('kill -9 mid-issue, 12 times (beside a live writer): numbers stay exactly 1..N with no gap and no repeat', async () => {
    const rivals = child(60);
    let printedTotal = 0;
    for (let round = 0; round < 12; round++) {
      const killAfter = 1 + (round % 4);
      let seen = 0;
      const r = await child(1000, (line, kill) => {
        if (line.startsWith('issued ') && ++seen >= killAfter) setTimeout(kill, round % 3); // a few ms on: mid-transaction
      });
      expect(r.signal).toBe('SIGKILL');
      printedTotal += r.lines.filter((l) => l.startsWith('issued ')).length;
    }
    const rival = await rivals;
    expect(rival.code).toBe(0);
    const { seqs, audit, uploads, issuedCount } = await numbersInLedger();
    expect(seqs).toEqual(Array.from({ length: issuedCount }, (_, i) => i + 1));
    expect(issuedCount).toBeGreaterThanOrEqual(printedTotal + 60);
    expect(uploads).toBe(issuedCount);
    expect(audit.ok).toBe(true);
  }, 600_000);
});
