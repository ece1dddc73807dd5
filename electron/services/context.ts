import type { Db } from '../db/database';
import type { Role } from '../../shared/domain/roles';

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
}

export const isoNow = (deps: Pick<ServiceDeps, 'now'>) => deps.now().toISOString();
