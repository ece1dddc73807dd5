import { Tag } from 'antd';
import { UPLOAD_TAG_LABELS, type UploadTag } from '../../../shared/contract/ledger';
import type { ListColumn } from './list/ServerTable';

const COLORS = { pending: 'orange', uploading: 'processing', uploaded: 'success', rejected: 'error' } as const;

/** 待上报 / 上报中 / 已上报 / 被退回: one item's standing with the city platform (list rows, detail pages). */
export function UploadTagBadge({ tag }: { tag: UploadTag }) {
  return (
    <Tag color={COLORS[tag]} className="upload-state-tag" data-upload-state={tag}>
      {UPLOAD_TAG_LABELS[tag]}
    </Tag>
  );
}

/** Every ledger list's 上报 column: each row's standing with the city platform. */
export function uploadColumn<Row extends { uploadTag: UploadTag }>(): ListColumn<Row> {
  return { title: '上报', key: 'uploadTag', dataIndex: 'uploadTag', width: 68, render: (tag: UploadTag) => <UploadTagBadge tag={tag} /> };
}
