import type { Actor } from '../services/context';

/**
 * One signed-in window (an Electron BrowserWindow, or one harness run). The session, not the renderer,
 * decides whether the user is signed in and whether the screen is locked after idle time.
 */
export class Session {
  user: Actor | null = null;
  locked = false;
  /** The user signed in with a password someone else chose and must change it before anything else. */
  mustChangePassword = false;
  private lastActivity = 0;

  constructor(private readonly now: () => number = Date.now) {}

  signIn(user: Actor, mustChangePassword = false): void {
    this.user = user;
    this.mustChangePassword = mustChangePassword;
    this.locked = false;
    this.touch();
  }

  signOut(): void {
    this.user = null;
    this.locked = false;
    this.mustChangePassword = false;
  }

  touch(): void {
    this.lastActivity = this.now();
  }

  /** Lock the session if it has been idle longer than the office's setting. */
  lockIfIdle(idleLockMinutes: number): boolean {
    if (this.user && !this.locked && this.now() - this.lastActivity > idleLockMinutes * 60_000) this.locked = true;
    return this.locked;
  }
}
