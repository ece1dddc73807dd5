import { formatFen } from '../validation/money';
import { formatAuditHead } from './auditHead';
import { chineseDate, type NoticeFields } from './notices';

/**
 * The text of a printed 限期整改通知书, from its fields: what the page says, in the order GB/T 9704-2012 places
 * it (number, title, addressee, body paragraphs, signature and date, 版记). The print layout
 * (electron/print/) only places this text; the words are decided here.
 */
export interface PrintableNotice {
  /** `某街诚信〔2026〕3号`, or null before issue (the line is printed with the number left blank). */
  number: string | null;
  title: string;
  addressee: string;
  paragraphs: string[];
  signature: string;
  /** `2026年3月5日` */
  date: string;
  cc: string;
  /** 印发机关 and 印发日期 of the 版记. */
  printedBy: string;
  printedOn: string;
  /** A word marked on the page outside the type area: 样张 (test page), 草稿 (not issued), 已作废. */
  mark: string | null;
  /**
   * The audit chain's entry of the notice's issue, printed small in the bottom margin of its last page
   * (`签发存证：审计日志第 1234 条 · 3fa9c1d2e4b5`): the paper copy names the entry the ledger and the city's
   * kept chain heads must still hold. Null before issue.
   */
  anchor: string | null;
}

export interface NoticeForPrint extends NoticeFields {
  number: string | null;
  issuedOn: string | null;
  status: string;
}

/** The body paragraphs: facts, the basis, the requirements (one paragraph a line), the deadline and reply, the close. */
export function noticeParagraphs(n: NoticeFields): string[] {
  const amount = n.amountFen !== null && n.amountFen > 0 ? `涉及金额${formatFen(n.amountFen)}元。` : '';
  const facts = n.facts.trim() ? `${n.facts.trim()}${amount}` : amount;
  const basis = n.basis.length > 0 ? `根据${n.basis.join('、')}等有关规定，` : '根据有关规定，';
  const requirements = n.requirements.split('\n').map((l) => l.trim()).filter(Boolean);
  const deadline = n.deadline ? `请于${chineseDate(n.deadline)}前完成整改，并${n.replyMethod.replace(/[。；]$/, '')}。` : `请限期完成整改，并${n.replyMethod.replace(/[。；]$/, '')}。`;
  return [
    ...(facts ? [facts] : []),
    `${basis}现责令你单位限期整改，具体要求如下：`,
    ...requirements,
    `${deadline}逾期未回复或整改不到位的，将依照有关规定予以约谈、通报批评。`,
    '特此通知。',
  ];
}

export function printableNotice(n: NoticeForPrint, today: string, mark?: string | null, issueEntry: { seq: number; hash: string } | null = null): PrintableNotice {
  const dated = n.issuedOn ?? today;
  return {
    number: n.number,
    title: n.title || '限期整改通知书',
    addressee: n.addressee,
    paragraphs: noticeParagraphs(n),
    signature: n.issuingOffice,
    date: chineseDate(dated),
    cc: n.cc,
    printedBy: n.issuingOffice,
    printedOn: `${chineseDate(dated)}印发`,
    mark: mark ?? (n.status === 'draft' ? '草稿' : n.status === 'void' ? '已作废' : null),
    anchor: issueEntry ? `签发存证：审计日志${formatAuditHead(issueEntry)}` : null,
  };
}
