import { Alert, Button, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { navigate } from '../app/router';
import { formatInstant } from './format';
import { forgetResumableDraft, resumableDraft, type ResumableDraft } from './form/resumableDraft';

/**
 * After a restart (or a crash), the frame offers the form the clerk left unsaved: 继续填写未保存的草稿 opens
 * it where they left off (the form restores the draft). Shown until taken up or put off for this window.
 */
export function DraftResumeNotice({ userId, path }: { userId: string; path: string }) {
  const [offer, setOffer] = useState<(ResumableDraft & { savedAt: string }) | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const draft = resumableDraft(userId);
    if (!draft) return;
    let alive = true;
    api.draftsGet({ key: draft.key }).then(
      (saved) => {
        if (!alive) return;
        if (saved) setOffer({ ...draft, savedAt: saved.savedAt });
        else forgetResumableDraft(userId, draft.key);
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [userId]);

  // Opening the form some other way takes the offer up as well.
  useEffect(() => {
    if (offer && path === offer.path) setDone(true);
  }, [offer, path]);

  if (!offer || done) return null;
  return (
    <Alert
      className="draft-resume gap-below"
      type="info"
      showIcon
      title={`有一份未保存的草稿：${offer.title}（保存于 ${formatInstant(offer.savedAt)}）`}
      action={
        <Space>
          <Button type="primary" size="small" onClick={() => navigate(offer.path)}>继续填写未保存的草稿</Button>
          <Button size="small" onClick={() => setDone(true)}>稍后</Button>
        </Space>
      }
    />
  );
}
