import { Alert } from 'antd';
import type { useAppProps } from 'antd/es/app/context';

/** An existing entity that the one being entered may repeat, with where to open it. */
export interface DuplicateLink {
  /** A key for the list (the entity's id, or its position when the user may not open it). */
  id: string;
  /** Null when this user may not open it (a person whose identity number they may not see). */
  href: string | null;
  /** e.g. 青禾镇人民政府 · (2024)苏0102民初123号 */
  text: string;
  statusLabel: string;
}

function DuplicateList({ duplicates, onOpen }: { duplicates: DuplicateLink[]; onOpen?: () => void }) {
  return (
    <ul className="duplicate-list">
      {duplicates.map((d) => (
        <li key={d.id}>
          {d.href ? <a href={d.href} onClick={onOpen}>{d.text}</a> : d.text}（{d.statusLabel}）
        </li>
      ))}
    </ul>
  );
}

/** Under the document fields while the clerk types: the same subject already has this document number. */
export function DuplicateWarning({ duplicates, title }: { duplicates: DuplicateLink[]; title: string }) {
  if (duplicates.length === 0) return null;
  return <Alert type="warning" showIcon className="duplicate-warning" title={title} description={<DuplicateList duplicates={duplicates} />} />;
}

/**
 * Before saving a possible duplicate, however quickly the clerk saved: the existing entities with their
 * links, and a choice to save all the same. Resolves true when the clerk confirms (false when they go back
 * or open one of the links; the draft keeps what they typed).
 */
export function confirmDuplicate(modal: useAppProps['modal'], title: string, duplicates: DuplicateLink[], message: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = modal.confirm({
      title,
      content: (
        <div className="duplicate-confirm">
          <p>{message}</p>
          {duplicates.length > 0 && (
            <DuplicateList
              duplicates={duplicates}
              onOpen={() => {
                dialog.destroy();
                resolve(false);
              }}
            />
          )}
          <p>确定仍要保存吗？</p>
        </div>
      ),
      okText: '仍要保存',
      cancelText: '返回检查',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
