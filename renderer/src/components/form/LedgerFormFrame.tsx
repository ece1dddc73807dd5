import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Form, Result, Space, Spin, Typography, type FormInstance, type FormProps } from 'antd';
import { useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { navigate } from '../../app/router';
import type { LedgerFormState } from '../../hooks/useLedgerForm';
import { useFormKeys } from '../../hooks/useFormKeys';
import { DraftRestoredNotice } from './DraftRestoredNotice';
import { CorrectionNotice, CorrectionReason, FormActions } from './FormFooter';

/** An edit that is a correction (a locked or closed entity): who may make it, and what the page says. */
export interface FrameCorrection {
  /** e.g. 该记录已审核锁定 — over the form: “…，本次修改是一次更正”. */
  subject: string;
  version: number;
  /** The user may correct; otherwise the page says `locked` instead of the form. */
  allowed: boolean;
  locked: { title: string; text: string; back: string };
  /** Under the reason's box. */
  reasonExtra?: string;
}

/** How a ledger's locked or closed entities are corrected: the words for them and who may. */
export interface CorrectionWords<S extends string> {
  /** 该记录 */
  noun: string;
  /** 已审核锁定 — what a locked entity is. */
  lockedAs: string;
  /** Its statuses in Chinese. */
  labels: Record<S, string>;
  /** The statuses edited in place (no correction). */
  editableInPlace: readonly S[];
  /** The user may correct. */
  allowed: boolean;
  /** Said to a user who may not: who may. */
  lockedText: string;
  /** The button back to the entity. */
  back: string;
  reasonExtra?: string;
}

/** The correction the edit of `entity` makes, or null when it is edited in place (or is new). */
export function correctionOf<S extends string>(entity: { locked: boolean; status: S; version: number } | null, words: CorrectionWords<S>): FrameCorrection | null {
  if (!entity || (!entity.locked && words.editableInPlace.includes(entity.status))) return null;
  return {
    subject: `${words.noun}${entity.locked ? words.lockedAs : `处于“${words.labels[entity.status]}”状态`}`,
    version: entity.version,
    allowed: words.allowed,
    locked: { title: `${words.noun}${words.lockedAs}`, text: words.lockedText, back: words.back },
    reasonExtra: words.reasonExtra,
  };
}

interface Props<V> {
  form: FormInstance<V>;
  /** The form's name: its fields' ids are `<name>_<field>`; the page's class is `<name>-form-page`, the form's `<name>-form`. */
  name: string;
  title: string;
  /** Beside the title: the status tag, the source… */
  tags?: ReactNode;
  /** The version being edited (第 n 版), for an existing entity. */
  version?: number;
  state: LedgerFormState;
  /** When the entity could not be loaded: 无法打开<what> and the list to go back to. */
  loadFailure: { what: string; listPath: string };
  /** Set when saving makes a correction of the entity. */
  correction?: FrameCorrection | null;
  onFinish(values: V): void;
  back(): void;
  /** The form's own extras (size, initialValues). */
  formProps?: Pick<FormProps<V>, 'size' | 'initialValues'>;
  children: ReactNode;
}

/**
 * The frame of every ledger form: the head (back, title, status, version), the restored draft's notice, the
 * correction's notice and reason, the sticky save bar, and the keys — Ctrl+S saves, Esc goes back, Enter in a
 * box confirms a date or a choice and never saves a half-checked form. Each change is kept as a draft
 * (state.keepDraft). The page gives its fields as children and its save as onFinish (useLedgerForm.submit).
 */
export function LedgerFormFrame<V>(props: Props<V>) {
  const { form, name, title, tags, version, state, loadFailure, correction, onFinish, back, formProps, children } = props;
  const root = useRef<HTMLDivElement>(null);
  const { loading, saving } = state;
  useFormKeys(root, !loading, { save: () => !saving && form.submit(), cancel: back });

  const noImplicitSubmit = (e: ReactKeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
  };

  if (state.loadError) {
    return <Result status="error" title={`无法打开${loadFailure.what}`} subTitle={state.loadError} extra={<Button onClick={() => navigate(loadFailure.listPath)}>返回列表</Button>} />;
  }
  if (correction && !correction.allowed) {
    return <Result status="warning" title={correction.locked.title} subTitle={correction.locked.text} extra={<Button onClick={back}>{correction.locked.back}</Button>} />;
  }

  return (
    <div className={`page ledger-form-page ${name}-form-page`} ref={root}>
      <div className="page-head">
        <Space align="center">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" />
          <Typography.Title level={4}>{title}</Typography.Title>
          {tags}
          {version !== undefined && <Typography.Text type="secondary">第 {version} 版</Typography.Text>}
        </Space>
      </div>
      <Spin spinning={loading}>
        {state.restored && <DraftRestoredNotice savedAt={state.restored.savedAt} stale={state.restored.stale} onDiscard={() => void state.discardDraft()} />}
        {correction && <CorrectionNotice subject={correction.subject} version={correction.version} />}
        <Form<V>
          form={form}
          name={name}
          layout="vertical"
          className={`${name}-form`}
          onValuesChange={() => state.keepDraft()}
          onKeyDown={noImplicitSubmit}
          onFinish={onFinish}
          scrollToFirstError={{ block: 'center' }}
          requiredMark
          disabled={loading}
          {...formProps}
        >
          {children}
          {correction && <CorrectionReason extra={correction.reasonExtra} />}
          <FormActions saving={saving} correcting={Boolean(correction)} draft={state.draft} onCancel={back} />
        </Form>
      </Spin>
    </div>
  );
}
