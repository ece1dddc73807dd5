import { Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { UploadStateView } from '../../../../shared/contract/sync';
import { api } from '../../api/client';
import { formatInstant } from '../../components/format';
import { UploadTagBadge } from '../../components/UploadTagBadge';
import { fieldLabel } from './syncUi';

/**
 * 待上报 / 上报中 / 已上报 / 被退回 for one item, with the platform's reason when it was refused.
 * `version` re-reads the state whenever the item changes.
 */
export function UploadStateTag({ kind, id, version }: { kind: string; id: string; version?: number }) {
  const [state, setState] = useState<UploadStateView | null>(null);
  useEffect(() => {
    let live = true;
    api.syncUploadState({ kind, id }).then((s) => live && setState(s), () => live && setState(null));
    return () => {
      live = false;
    };
  }, [kind, id, version]);
  if (!state) return null;
  const tag = <UploadTagBadge tag={state.tag} />;
  if (state.tag === 'uploaded') return <Tooltip title={`平台编号 ${state.platformRef ?? '—'}（第 ${state.version} 版，${formatInstant(state.at)}）`}>{tag}</Tooltip>;
  if (state.tag === 'rejected' || (state.tag === 'pending' && state.message)) {
    const why = `${state.tag === 'pending' ? '上次被退回：' : ''}【${fieldLabel(kind, state.field)}】${state.message ?? ''}`;
    return (
      <span className="upload-rejection">
        {tag}
        <span className="upload-rejection-text">{why}</span>
      </span>
    );
  }
  return tag;
}
