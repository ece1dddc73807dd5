import { createContext, useContext } from 'react';
import type { ResponseOf } from '../../../shared/contract';
import { roleAllows, type Permission } from '../../../shared/domain/roles';
import { api } from '../api/client';
import { DEFAULT_PATH, navigate } from './router';

export type SystemStatus = ResponseOf<'system.status'>;

export interface SessionValue {
  status: SystemStatus;
  refresh(): Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionContext');
  return value;
}

/** Whether the signed-in user's role carries a permission (the services check the same table). */
export function useCan(permission: Permission): boolean {
  const { status } = useSession();
  return status.user ? roleAllows(status.user.role, permission) : false;
}

/** Sign out; the next person to sign in starts on the first ledger, not on this user's page. */
export function useSignOut(): () => Promise<void> {
  const { refresh } = useSession();
  return async () => {
    await api.authLogout({});
    navigate(DEFAULT_PATH);
    await refresh();
  };
}
