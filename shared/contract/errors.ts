import { z } from 'zod';

/** The one error shape every channel answers with: a code for programs, a Chinese message for people. */
export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

export const ERROR_CODES = {
  validation: 'VALIDATION',
  unauthenticated: 'UNAUTHENTICATED',
  locked: 'SESSION_LOCKED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  /** Same subject + same 认定文书编号 as an existing record, and the clerk has not confirmed it (field docNumber). */
  duplicate: 'DUPLICATE',
  /** A payment would take a promise item over its promised amount, and the clerk has not confirmed it (field amountFen). */
  exceedsAmount: 'EXCEEDS_AMOUNT',
  /** A user still answers for open items of a ledger: hand them over first (field disabled). */
  handoverRequired: 'HANDOVER_REQUIRED',
  rateLimited: 'RATE_LIMITED',
  badCredentials: 'BAD_CREDENTIALS',
  userDisabled: 'USER_DISABLED',
  tooManyAttempts: 'TOO_MANY_ATTEMPTS',
  passwordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  setupRequired: 'SETUP_REQUIRED',
  alreadySetUp: 'ALREADY_SET_UP',
  invalidTransition: 'INVALID_TRANSITION',
  recordLocked: 'RECORD_LOCKED',
  badFile: 'BAD_FILE',
  /** A long job (an import) stopped at the user's request; it changed nothing. */
  cancelled: 'CANCELLED',
  /** A long job needed more memory than its worker may use; it changed nothing. */
  outOfMemory: 'OUT_OF_MEMORY',
  unknownChannel: 'UNKNOWN_CHANNEL',
  internal: 'INTERNAL',
} as const;

/** Thrown by services; carried across IPC as {code, message, field}. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toJSON(): AppErrorShape {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const validationError = (field: string, message: string) =>
  new AppError(ERROR_CODES.validation, message, field);

/** The first problem zod found, as {code, message, field}, in Chinese; `under` names the part of the request it checked. */
export function validationFailure(error: z.ZodError, under: readonly string[] = []): AppError {
  const issue = error.issues[0];
  const field = [...under, ...issue.path.map(String)].join('.');
  return new AppError(ERROR_CODES.validation, issue.message, field || undefined);
}

export const forbidden = (message = '您的角色无权进行此操作') => new AppError(ERROR_CODES.forbidden, message);
export const notFound = (message: string) => new AppError(ERROR_CODES.notFound, message);

/** The envelope on the wire (IPC and the web harness alike). */
export type InvokeResult<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };
