import type { MigrationInterface } from 'typeorm';
import { Foundation1763900000001 } from './0001-foundation';
import { DishonestyRecords1763900000002 } from './0002-dishonesty-records';

/**
 * Every migration, in the order it runs. Append only: never edit or reorder a migration that has shipped.
 * A database whose history holds a name not in this list was written by a newer version and is refused.
 */
export const MIGRATIONS: Array<new () => MigrationInterface> = [Foundation1763900000001, DishonestyRecords1763900000002];
