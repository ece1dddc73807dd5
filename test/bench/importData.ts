import type { RecordFields } from '../../shared/domain/recordSchema';
import { BENCH_SEED, RecordGenerator, toTemplateCells } from './generate';
import { Rng } from './prng';

export type SheetRows = Array<{ row: number; cells: Record<string, unknown> }>;

/** The seed of the rows to import (the ledger's own records are made with BENCH_SEED itself). */
const IMPORT_SEED = BENCH_SEED + 2;

/**
 * `count` generated records as the cells of the import template (in the tolerant formats an office's sheets
 * use), each a different subject + 认定文书编号, since the import refuses a repeated one.
 */
export function importData(count: number): { rows: SheetRows; fields: RecordFields[] } {
  const gen = new RecordGenerator(IMPORT_SEED);
  const rng = new Rng(IMPORT_SEED + 1);
  const seen = new Set<string>();
  const fields: RecordFields[] = [];
  while (fields.length < count) {
    const f = gen.next().fields;
    const key = `${f.subjectType}|${f.subjectType === 'unit' ? f.unitUscc : f.personIdNumber}|${f.docNumber}`;
    if (f.docNumber && seen.has(key)) continue; // the import rejects a repeated subject + 认定文书编号
    seen.add(key);
    fields.push(f);
  }
  return { fields, rows: fields.map((f, i) => ({ row: i + 2, cells: toTemplateCells(f, rng) })) };
}
