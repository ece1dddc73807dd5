import type BetterSqlite3 from 'better-sqlite3';
import { searchGrams } from '../../shared/domain/searchGrams';

/**
 * SQL functions the schema's triggers call. Every connection that writes records must have them,
 * so they are registered wherever a connection is opened (see openDatabase and the bench's raw baseline).
 */
export function registerSqlFunctions(db: BetterSqlite3.Database): void {
  db.function('ledger_grams', { deterministic: true, varargs: true }, (...parts: unknown[]) =>
    searchGrams(parts.filter((p): p is string => typeof p === 'string').join('\n')),
  );
}
