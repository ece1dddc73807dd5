import { App as AntApp } from 'antd';
import { useCallback, useState } from 'react';
import { navigate } from '../app/router';
import { errorMessage, showFieldError } from '../components/formRules';
import { useDraftedForm, type DraftedFormOptions } from './useDraftedForm';

/** What a save did: the message to show and where to go (the saved entity's page). */
export interface SaveOutcome {
  message: string;
  path: string;
}

/**
 * A ledger form's state for LedgerFormFrame: the entity and its autosaved draft (useDraftedForm), and the
 * save every ledger form does the same way — the draft stops first (the service deletes it in the save's
 * transaction, by its key), then the entity is written; on failure the draft goes on being kept and the
 * service's message is shown under its field (or as a message).
 */
export function useLedgerForm<V, Stored, E extends { version: number }>(options: DraftedFormOptions<V, Stored, E>) {
  const drafted = useDraftedForm(options);
  const { form } = options;
  const { draft, keepDraft } = drafted;
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);

  /**
   * Write once: `write` saves (with the draft's key), `done` says what it did. `refused` may take an error for
   * itself (returning true) instead of the field or message. Resolves true when saved.
   */
  const submit = useCallback(
    async <T>(write: (draftKey: string) => Promise<T>, done: (saved: T) => SaveOutcome, refused?: (error: unknown) => boolean): Promise<boolean> => {
      setSaving(true);
      try {
        await draft.stop();
        const saved = await write(options.resume.key);
        draft.saved();
        const outcome = done(saved);
        message.success(outcome.message);
        navigate(outcome.path);
        return true;
      } catch (error) {
        // Keep saving the draft: nothing the clerk typed is lost when the save fails.
        keepDraft();
        setSaving(false);
        if (refused?.(error)) return false;
        if (!showFieldError(form, error)) message.error(errorMessage(error));
        return false;
      }
    },
    [draft, form, keepDraft, message, options.resume.key],
  );

  return { ...drafted, saving, submit };
}

/** What LedgerFormFrame reads of a form's state. */
export interface LedgerFormState {
  loading: boolean;
  loadError: string | null;
  restored: { savedAt: string; stale: boolean } | null;
  draft: { failed: boolean; savedAt: Date | null };
  keepDraft(): void;
  discardDraft(): Promise<void>;
  saving: boolean;
}
