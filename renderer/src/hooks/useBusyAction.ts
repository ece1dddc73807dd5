import { App as AntApp } from 'antd';
import { useCallback, useState } from 'react';
import { errorMessage } from '../components/formRules';

/**
 * A page's buttons that each start one call: `busy` names the one under way (its button shows loading, others
 * may be disabled), and a failure is shown as a message. `run` never throws, so a page may go on after it
 * (reload) whether the call worked or not.
 */
export function useBusyAction() {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = useCallback(
    async (what: string, work: () => Promise<void>): Promise<void> => {
      setBusy(what);
      try {
        await work();
      } catch (error) {
        message.error(errorMessage(error));
      } finally {
        setBusy(null);
      }
    },
    [message],
  );
  return { busy, run };
}
