import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

/** An antd rule that asks the field's own zod schema (the one the service validates with) and shows its message. */
export const zodRule = (schema: z.ZodType): Rule => ({
  validator: async (_rule, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(parsed.error.issues[0].message);
  },
});

/** One rule per field of an object schema: `rules.docNumber`. */
export function zodRules<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): Record<keyof Shape, Rule> {
  return Object.fromEntries(Object.entries(schema.shape).map(([name, field]) => [name, zodRule(field as z.ZodType)])) as Record<keyof Shape, Rule>;
}
