import type { Db } from '../db/database';
import type { Role } from '../../shared/domain/roles';
import { AUTHOR_LABELS, type AuthorKind } from '../../shared/domain/entityKinds';
import type { PasswordCost } from './users/passwords';

/** Who is acting. Every service that changes something takes one, and checks its role itself. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** A change nobody typed: a state that followed from a date (the system), or a decision of the city platform. */
export interface NonUserAuthor {
  kind: Exclude<AuthorKind, 'user'>;
  displayName: string;
}

/** Whoever made a change: a signed-in user, the system or the city platform. */
export type Author = Actor | NonUserAuthor;

export const SYSTEM_AUTHOR: NonUserAuthor = { kind: 'system', displayName: AUTHOR_LABELS.system };
export const PLATFORM_AUTHOR: NonUserAuthor = { kind: 'platform', displayName: AUTHOR_LABELS.platform };

export const authorKindOf = (author: Author): AuthorKind => ('kind' in author ? author.kind : 'user');

/** The user behind a change, or null for the system and the platform. */
export const userIdOf = (author: Author): string | null => ('kind' in author ? null : author.id);

/** What every service needs: the database, the data folder (attachments live there) and a clock. */
export interface ServiceDeps {
  db: Db;
  dataDir: string;
  now: () => Date;
  /** scrypt cost for new hashes; only tests that are not about hashing lower it (default PASSWORD_COST). */
  passwordCost?: PasswordCost;
}

export const isoNow = (deps: Pick<ServiceDeps, 'now'>) => deps.now().toISOString();
