import type { HandlerMap } from '../registry';
import { adminHandlers } from './adminHandlers';
import { backupHandlers } from './backupHandlers';
import { updateHandlers } from './updateHandlers';
import { jobHandlers } from './jobHandlers';
import { recordHandlers } from './recordHandlers';
import { promiseHandlers } from './promiseHandlers';
import { commitmentHandlers } from './commitmentHandlers';
import { sessionHandlers } from './sessionHandlers';
import { syncHandlers } from './syncHandlers';
import { directoryHandlers } from './directoryHandlers';
import { noticeHandlers } from './noticeHandlers';
import { encryptionHandlers } from './encryptionHandlers';

/** Every channel's handler; the registry refuses to start if the contract has a channel missing here. */
export const HANDLERS: HandlerMap = {
  ...sessionHandlers, ...adminHandlers, ...recordHandlers, ...commitmentHandlers, ...promiseHandlers, ...noticeHandlers,
  ...backupHandlers, ...updateHandlers, ...syncHandlers, ...jobHandlers, ...directoryHandlers, ...encryptionHandlers,
};
