import type { Db } from '../db/database';
import type { Role } from '../../shared/domain/roles';
import type { PasswordCost } from './users/passwords';

/** Who is acting. Every service that changes something takes one, and checks its role itself. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** What every service needs: the database, the data folder (attachments live there) and a clock. */
export interface ServiceDeps {
  db: Db;
  dataDir: string;
  now: () => Date;
  /** scrypt cost for new hashes; only tests that are not about hashing lower it (default PASSWORD_COST). */
  passwordCost?: PasswordCost;
}

export const isoNow = (deps: Pick<ServiceDeps, 'now'>) => deps.now().toISOString();
