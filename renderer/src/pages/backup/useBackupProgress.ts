import { useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface BackupProgress {
  bytesDone: number;
  bytesTotal: number;
}

/** While a backup runs, ask how far it has got a few times a second (the copy is written in a worker thread). */
export function useBackupProgress(active: boolean): BackupProgress | null {
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    let stopped = false;
    const poll = async () => {
      try {
        const next = await api.backupProgress({});
        if (!stopped && next.running) setProgress({ bytesDone: next.bytesDone, bytesTotal: next.bytesTotal });
      } catch {
        // the next poll tries again; the backup's own answer reports any failure
      }
    };
    const timer = setInterval(() => void poll(), 300);
    void poll();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);
  return progress;
}
