import { z } from 'zod';
import { channel } from './channel';

/** One thing that falls due (or fell due) in a ledger, as the workbench lists it. */
export const dueEntrySchema = z.object({
  ledger: z.string(),
  ledgerLabel: z.string(),
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  dueOn: z.string(),
  statusLabel: z.string(),
  responsibleName: z.string(),
  /** The page that shows it (hash-router path). */
  link: z.string(),
});
export type DueEntry = z.infer<typeof dueEntrySchema>;

export const workbenchSchema = z.object({
  today: z.string(),
  until: z.string(),
  horizonDays: z.number(),
  mine: z.boolean(),
  dueSoon: z.array(dueEntrySchema),
  dueSoonTotal: z.number(),
  overdue: z.array(dueEntrySchema),
  overdueTotal: z.number(),
  /** Per ledger: its label and how many of its entries are in each status; each count opens the filtered list. */
  ledgers: z.array(z.object({
    ledger: z.string(),
    label: z.string(),
    link: z.string(),
    dueSoon: z.object({ count: z.number(), link: z.string() }),
    overdue: z.object({ count: z.number(), link: z.string() }),
    statuses: z.array(z.object({ status: z.string(), label: z.string(), count: z.number(), link: z.string() })),
  })),
  /** Headline figures a ledger offers (the office's 兑现率), each with the page that explains it. */
  figures: z.array(z.object({ label: z.string(), value: z.string(), hint: z.string(), link: z.string() })),
});
export type Workbench = z.infer<typeof workbenchSchema>;

export const workbenchChannels = {
  'workbench.get': channel({
    access: 'user',
    /** mine: only what the signed-in user answers for. */
    request: z.object({ mine: z.boolean().default(false) }),
    response: workbenchSchema,
  }),
} as const;
