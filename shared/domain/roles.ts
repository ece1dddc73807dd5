/** The three roles of DOMAIN.md "Who uses it". A user has exactly one. */
export const ROLES = ['clerk', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '录入员',
  reviewer: '审核员',
  admin: '管理员',
};

/**
 * What each role may do. Services check these (the UI only reads them to decide what to show).
 * An administrator may do everything, because small offices often have one person in that seat.
 */
export const PERMISSIONS = {
  'users.manage': ['admin'],
  'settings.manage': ['admin'],
  'audit.read': ['reviewer', 'admin'],
  'backup.run': ['admin'],
  'records.edit': ['clerk', 'reviewer', 'admin'],
  'records.correct': ['reviewer', 'admin'],
  'records.import': ['clerk', 'reviewer', 'admin'],
  'records.viewIdentity': ['reviewer', 'admin'],
  'promises.edit': ['clerk', 'reviewer', 'admin'],
  'promises.import': ['clerk', 'reviewer', 'admin'],
  'notices.edit': ['clerk', 'reviewer', 'admin'],
  'commitments.edit': ['clerk', 'reviewer', 'admin'],
  'commitments.correct': ['reviewer', 'admin'],
  'commitments.import': ['clerk', 'reviewer', 'admin'],
  'sync.enrol': ['admin'],
  'sync.run': ['clerk', 'reviewer', 'admin'],
  'sync.approve': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
