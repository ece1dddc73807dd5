/**
 * "Where the clerk left off": the last form with an unsaved draft, kept in localStorage (it outlives the
 * window), per user. The draft itself is on the service (drafts.*); this only says which one and where its
 * form is, so the next start can offer 继续填写未保存的草稿.
 */
export interface ResumableDraft {
  /** The drafts.* key. */
  key: string;
  /** The form's route, e.g. /records/new. */
  path: string;
  /** What the form is, e.g. 新建失信记录. */
  title: string;
}

const storageKey = (userId: string) => `ledger.resumableDraft.${userId}`;

export function rememberResumableDraft(userId: string, draft: ResumableDraft): void {
  localStorage.setItem(storageKey(userId), JSON.stringify(draft));
}

export function forgetResumableDraft(userId: string, key: string): void {
  if (resumableDraft(userId)?.key === key) localStorage.removeItem(storageKey(userId));
}

export function resumableDraft(userId: string): ResumableDraft | null {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null') as ResumableDraft | null;
    return saved && typeof saved.key === 'string' && typeof saved.path === 'string' ? saved : null;
  } catch {
    return null;
  }
}
