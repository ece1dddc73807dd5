import { Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, onSessionEvent } from './api/client';
import { AppFrame } from './app/AppFrame';
import { SessionContext, type SystemStatus } from './app/session';
import { useIdleLock } from './app/useIdleLock';
import { errorMessage } from './components/formRules';
import { FirstPasswordPage } from './pages/FirstPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { SetupPage } from './pages/SetupPage';

/** Decides the screen: first-start setup, login, the lock screen, or the ledgers. */
export function App() {
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api.systemStatus({}));
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void refresh();
    // The header's 待上报 count follows data changes itself (SyncHeaderStatus); the session follows its events.
    return onSessionEvent(() => void refresh());
  }, [refresh]);

  const signedIn = Boolean(status?.user) && !status?.locked;
  useIdleLock(signedIn, status?.idleLockMinutes ?? 10, () => void refresh());

  const session = useMemo(() => (status ? { status, refresh } : null), [status, refresh]);
  if (failure) return <Result status="error" title="无法连接台账服务" subTitle={failure} />;
  if (!session) return <Spin fullscreen tip="正在打开台账…" />;
  return (
    <SessionContext.Provider value={session}>
      {session.status.setupRequired ? <SetupPage /> : !session.status.user ? <LoginPage /> : session.status.locked ? <LoginPage locked /> : session.status.user.mustChangePassword ? <FirstPasswordPage /> : <AppFrame />}
    </SessionContext.Provider>
  );
}
