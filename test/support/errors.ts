import { expect } from 'vitest';
import { AppError } from '../../shared/contract/errors';

/** The AppError a refused call rejects with (fails the test if the call succeeds or throws anything else). */
export async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
