import type { RuleObject } from 'antd/es/form';

/** What a form shows under the field for a value under an antd rule ('' when it passes). */
export async function messageFor(rule: RuleObject, value: unknown): Promise<string> {
  try {
    await rule.validator!(rule, value, () => undefined);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
