import type { Rule } from 'antd/es/form';
import { validateIdNumber } from '../../../../shared/validation/idcard';
import type { Check } from '../../../../shared/validation/result';
import { normalizeCode } from '../../../../shared/validation/text';
import { validateUscc } from '../../../../shared/validation/uscc';

/** Codes are typed without spaces and in capitals; full-width digits from a Chinese IME are folded. */
export const normalizeCodeInput = (v: unknown) => (typeof v === 'string' ? normalizeCode(v).toUpperCase() : v);

/**
 * A code rule that does not nag while the clerk is still typing, and does not forget: a wrong character or
 * check character is said at once and stays said after the cursor leaves, as long as the code is wrong; a
 * code that is merely too short is said once the cursor has left the box (and on save).
 */
function codeRules(check: (v: string) => Check<unknown>): Rule[] {
  const stillTyping = (text: string) => document.activeElement instanceof HTMLInputElement && document.activeElement.value === text;
  return [
    {
      validator: async (_r, value: unknown) => {
        if (value === undefined || value === null || value === '') return;
        const text = String(value);
        const result = check(text);
        if (result.ok) return;
        const tooShort = Array.from(text).length < 18 && result.reason.includes('长度');
        if (tooShort && stillTyping(text)) return;
        throw new Error(result.reason);
      },
    },
  ];
}
export const usccTypingRules = () => codeRules(validateUscc);
export const idNumberTypingRules = () => codeRules((v) => validateIdNumber(v));

/** How a code field checks as the clerk types (Form.Item props: spread them onto the item, with its own rules). */
export const CODE_TYPING = { normalize: normalizeCodeInput, validateTrigger: ['onChange', 'onBlur'] };
