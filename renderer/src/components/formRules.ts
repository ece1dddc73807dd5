import type { FormInstance, Rule } from 'antd/es/form';
import { LedgerError } from '../api/client';
import { validateUscc } from '../../../shared/validation/uscc';
import { validateIdNumber } from '../../../shared/validation/idcard';
import { parseOptionalYuanToFen } from '../../../shared/validation/money';
import type { Check } from '../../../shared/validation/result';
import { passwordField } from '../../../shared/contract/session';

/** antd rules backed by the shared validators, so the form says what the service would say (the reasons name the field). */
const fromCheck = (_label: string, check: (v: string) => Check<unknown>): Rule => ({
  validator: async (_rule, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const result = check(String(value));
    if (!result.ok) throw new Error(result.reason);
  },
});

export const usccRule = (label = '统一社会信用代码') => fromCheck(label, validateUscc);
export const idNumberRule = (label = '身份证号') => fromCheck(label, (v) => validateIdNumber(v));
export const yuanRule = (label: string) => fromCheck(label, parseOptionalYuanToFen);
/** A password as the service takes it: the contract's own schema (8 to 128 characters), named by the label. */
export const passwordRule = (label: string) =>
  fromCheck(label, (v) => {
    const parsed = passwordField(label).safeParse(v);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: parsed.error.issues[0].message };
  });
export const requiredRule = (label: string, verb = '请填写'): Rule => ({ required: true, whitespace: true, message: `${verb}${label}` });

/** The repeat of a password must equal the field it repeats (use with `dependencies={[passwordField]}`). */
export const sameAsRule = (passwordField: string): Rule => ({ getFieldValue }) => ({
  validator: async (_rule, value: unknown) => {
    if (value && value !== getFieldValue(passwordField)) throw new Error('两次输入的密码不一致');
  },
});

/**
 * Show a service error where it belongs: under its field when it names one the form has
 * (`fields.unitUscc` → `unitUscc`), and returns false so the caller can show it elsewhere otherwise.
 */
export function showFieldError(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof LedgerError) || !error.field) return false;
  const name = error.field.replace(/^(fields|entry)\./, ''); // the request's object of form values
  if (form.getFieldInstance(name) === undefined && !Object.prototype.hasOwnProperty.call(form.getFieldsValue(true), name)) return false;
  form.setFields([{ name, errors: [error.message] }]);
  form.scrollToField(name);
  return true;
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
