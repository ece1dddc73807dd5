import { useCallback } from 'react';
import { api } from '../../api/client';
import { usePolled } from '../../hooks/usePolled';

export interface BackupProgress {
  bytesDone: number;
  bytesTotal: number;
}

/** While a backup runs, ask how far it has got a few times a second (the copy is written in a worker thread). */
export function useBackupProgress(active: boolean): BackupProgress | null {
  const ask = useCallback(async () => {
    const next = await api.backupProgress({});
    return next.running ? { bytesDone: next.bytesDone, bytesTotal: next.bytesTotal } : null;
  }, []);
  return usePolled(active ? ask : null, 300);
}
