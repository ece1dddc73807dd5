import { useEffect, useRef } from 'react';
import { NOTICE_SOURCE_KINDS, NOTICE_SOURCE_LABELS, NOTICE_STATUS_LABELS, NOTICE_STATUSES, type NoticeStatus } from '../../../../shared/domain/notices';
import { LightTag, type LightTagColor } from '../../components/LightTag';

/** Pieces the notice pages share: the status tag, filter options, and the preview of the printed page. */

const STATUS_COLORS: Record<NoticeStatus, LightTagColor> = {
  draft: 'blue', issued: 'orange', replied: 'cyan', verified: 'green', overdue: 'red', void: 'grey',
};

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  return <LightTag color={STATUS_COLORS[status]} className="notice-status-tag">{NOTICE_STATUS_LABELS[status]}</LightTag>;
}

export const NOTICE_STATUS_OPTIONS = NOTICE_STATUSES.map((s) => ({ value: s, label: NOTICE_STATUS_LABELS[s] }));
export const SOURCE_OPTIONS = NOTICE_SOURCE_KINDS.map((s) => ({ value: s, label: NOTICE_SOURCE_LABELS[s] }));

export const downloadPdf = (file: { fileName: string; contentBase64: string }) => import('../../components/files').then((f) => f.downloadBase64(file, 'application/pdf'));

/**
 * The printed page as the print engine laid it out (static markup, no script): shown in a shadow root so its
 * CSS stays its own. Fonts declared in a shadow root are not used by Chromium, so the layout's @font-face rules
 * go into the document once.
 */
export function NoticePreview({ html, zoom = 0.72 }: { html: string; zoom?: number }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const css = [...doc.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
    if (!document.getElementById('notice-fonts')) {
      const style = document.createElement('style');
      style.id = 'notice-fonts';
      style.textContent = faces.join('\n');
      document.head.appendChild(style);
    }
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    // The page's own rules for html/body apply to the preview's root element instead (a shadow root has no body).
    const scoped = css.replace(/@font-face\s*{[^}]*}/g, '').replace(/html, body \{/g, '.doc {').replace(/(^|[\n{]\s*)body \{/g, '$1.doc {');
    root.innerHTML = `<style>${scoped}\n.doc { zoom: ${zoom}; }</style><div class="doc">${doc.getElementById('doc')?.innerHTML ?? ''}</div>`;
  }, [html, zoom]);
  return <div ref={host} className="notice-preview" data-testid="notice-preview" />;
}
