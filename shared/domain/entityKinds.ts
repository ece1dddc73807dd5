/**
 * The one list of the things the ledgers keep: how each is called in the UI, its audit entity name, its
 * upload kind (PLATFORM-API "Uploading": kind) and where its page is. Everything that names an entity kind
 * reads it from here, so a new ledger is added in one place.
 */
export const ENTITY_KINDS = {
  dishonesty_record: { label: '政务失信记录', unit: '条', route: '/records', uploads: true },
  public_commitment: { label: '公开承诺', unit: '项', route: '/commitments', uploads: true },
  investment_promise: { label: '招商引资政策承诺', unit: '个', route: '/promises', uploads: true },
  rectification_notice: { label: '限期整改通知书', unit: '份', route: '/notices', uploads: true },
  attachment: { label: '附件', unit: '个', route: null, uploads: false },
  user: { label: '用户', unit: '个', route: '/users', uploads: false },
  settings: { label: '单位设置', unit: '项', route: '/settings', uploads: false },
} as const;

export type EntityKind = keyof typeof ENTITY_KINDS;

/** The kinds a workstation uploads to the city platform, in PLATFORM-API order. */
export const UPLOAD_KINDS = ['dishonesty_record', 'public_commitment', 'investment_promise', 'rectification_notice'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** Who made a change: a signed-in user, the system (a state that follows from a date) or the city platform. */
export const AUTHOR_KINDS = ['user', 'system', 'platform'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];
export const AUTHOR_LABELS: Record<Exclude<AuthorKind, 'user'>, string> = { system: '系统（到期自动）', platform: '市平台' };
