import { Tag } from 'antd';
import { UPLOAD_TAG_LABELS, type UploadTag } from '../../../shared/contract/ledger';

const COLORS = { pending: 'orange', uploading: 'processing', uploaded: 'success', rejected: 'error' } as const;

/** 待上报 / 上报中 / 已上报 / 被退回: one item's standing with the city platform (list rows, detail pages). */
export function UploadTagBadge({ tag }: { tag: UploadTag }) {
  return (
    <Tag color={COLORS[tag]} className="upload-state-tag" data-upload-state={tag}>
      {UPLOAD_TAG_LABELS[tag]}
    </Tag>
  );
}
