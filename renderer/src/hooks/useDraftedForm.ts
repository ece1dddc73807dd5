import type { FormInstance } from 'antd';
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ResumableDraft } from '../components/form/resumableDraft';
import { errorMessage } from '../components/formRules';
import { useFormDraft } from './useFormDraft';

/** What a form's draft stores: its values (dates as text) and the version of the entity the edit started from. */
export interface FormDraft<Stored> {
  values: Stored;
  baseVersion?: number;
}

export interface DraftedFormOptions<V, Stored, E extends { version: number }> {
  form: FormInstance<V>;
  resume: ResumableDraft;
  /** The entity being edited, or null for a new one. */
  load(): Promise<E | null>;
  /** The values of a new entity. */
  blank: V;
  valuesOf(entity: E): V;
  /** Form values ↔ what a draft stores (dates as YYYY-MM-DD). */
  toStored(values: V): Stored;
  fromStored(stored: Stored): V;
}

/**
 * A ledger form with autosaved drafts (the kit's form helper): loads the entity and any unsaved draft of
 * this form (restored over it, marked stale when the entity changed since), saves a draft ~400 ms after each
 * change, and discards it on request. The page keeps its own fields and its own save.
 */
export function useDraftedForm<V, Stored, E extends { version: number }>(options: DraftedFormOptions<V, Stored, E>) {
  const { form, resume, blank, valuesOf, toStored, fromStored } = options;
  const { message } = AntApp.useApp();
  const [entity, setEntity] = useState<E | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [restored, setRestored] = useState<{ savedAt: string; stale: boolean } | null>(null);
  const draft = useFormDraft<FormDraft<Stored>>(resume);
  const [load] = useState(() => options.load); // the first loader: the page is keyed by the entity's id

  useEffect(() => {
    let alive = true;
    (async () => {
      try {
        const loaded = await load();
        const saved = await api.draftsGet({ key: resume.key }).catch(() => null);
        if (!alive) return;
        setEntity(loaded);
        const base = loaded ? valuesOf(loaded) : blank;
        if (saved?.data && typeof saved.data === 'object' && 'values' in saved.data) {
          const data = saved.data as FormDraft<Stored>;
          form.setFieldsValue({ ...base, ...fromStored(data.values ?? ({} as Stored)) });
          setRestored({ savedAt: saved.savedAt, stale: Boolean(loaded && data.baseVersion !== undefined && data.baseVersion !== loaded.version) });
        } else {
          form.setFieldsValue(base);
        }
      } catch (error) {
        if (alive) setLoadError(errorMessage(error));
      } finally {
        if (alive) setLoading(false);
      }
    })();
    return () => {
      alive = false;
    };
  }, [load, resume.key, form]); // eslint-disable-line react-hooks/exhaustive-deps -- loaded once per form

  /** Save the draft of what the form holds now (after each change, and after a failed save). */
  const keepDraft = useCallback(
    () => draft.schedule({ values: toStored(form.getFieldsValue(true) as V), baseVersion: entity?.version }),
    [draft, entity?.version, form, toStored],
  );

  const discardDraft = async () => {
    try {
      await draft.discard();
      form.resetFields();
      form.setFieldsValue(entity ? valuesOf(entity) : blank);
      setRestored(null);
      message.success('已放弃草稿');
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return { entity, loading, loadError, restored, draft, keepDraft, discardDraft };
}
