import { forbidden } from '../../shared/contract/errors';
import { PERMISSIONS, roleAllows, type Permission, ROLE_LABELS } from '../../shared/domain/roles';
import type { Actor } from './context';

/** Refuse the call unless the actor's role carries the permission (roles are enforced here, not in the UI). */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!roleAllows(actor.role, permission)) {
    const allowed = (PERMISSIONS[permission] as readonly string[]).map((r) => ROLE_LABELS[r as Actor['role']]).join('、');
    throw forbidden(`此操作仅限${allowed}，您当前的角色是${ROLE_LABELS[actor.role]}`);
  }
}
