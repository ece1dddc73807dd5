import { describe, expect, it } from 'vitest';
import { noticeParagraphs, printableNotice } from '../../../shared/domain/noticeBody';
import { addDays, chineseDate, formatNoticeNumber, NOTICE_MACHINE, noticeFieldsSchema } from '../../../shared/domain/notices';

const fields = noticeFieldsSchema.parse({
  addressee: '某某村民委员会', facts: '经查，你单位拖欠企业账款。', amountFen: 1234567, basis: ['《国务院关于加强政务诚信建设的指导意见》（国发〔2016〕76号）'],
  requirements: '一、书面说明原因；\n\n二、限期清偿。', deadline: '2026-04-05', replyMethod: '书面报送整改情况报告。', issuingOffice: '某某街道办事处', cc: '',
});

describe('notice words', () => {
  it('numbers with 六角括号 and no leading zeros; dates as an official document writes them', () => {
    expect(formatNoticeNumber('宁街诚信', 2026, 7)).toBe('宁街诚信〔2026〕7号');
    expect(formatNoticeNumber('宁街诚信', 2026, 10)).toBe('宁街诚信〔2026〕10号');
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('the body: facts with the amount, the basis, one paragraph per requirement, the deadline and reply, the close', () => {
    expect(noticeParagraphs(fields)).toEqual([
      '经查，你单位拖欠企业账款。涉及金额12,345.67元。',
      '根据《国务院关于加强政务诚信建设的指导意见》（国发〔2016〕76号）等有关规定，现责令你单位限期整改，具体要求如下：',
      '一、书面说明原因；',
      '二、限期清偿。',
      '请于2026年4月5日前完成整改，并书面报送整改情况报告。逾期未回复或整改不到位的，将依照有关规定予以约谈、通报批评。',
      '特此通知。',
    ]);
  });

  it('a draft is marked 草稿 and dated today; an issued notice carries its number and issue date', () => {
    expect(printableNotice({ ...fields, number: null, issuedOn: null, status: 'draft' }, '2026-03-01')).toMatchObject({ mark: '草稿', date: '2026年3月1日', number: null });
    expect(printableNotice({ ...fields, number: '某街〔2026〕3号', issuedOn: '2026-03-05', status: 'issued' }, '2026-04-01'))
      .toMatchObject({ mark: null, date: '2026年3月5日', printedOn: '2026年3月5日印发', number: '某街〔2026〕3号' });
  });

  it('逾期 is never a move a user makes; only reviewers issue, verify and void', () => {
    expect(NOTICE_MACHINE.transitions.some((t) => t.to === 'overdue' && !t.from.includes('overdue'))).toBe(false);
    for (const action of ['issue', 'verify', 'void']) {
      expect(NOTICE_MACHINE.transitions.find((t) => t.action === action)!.roles).not.toContain('clerk');
    }
  });
});
