import { encryptionStatus, showRecoveryKey } from '../../services/encryption/recoveryKey';
import type { HandlerMap } from '../registry';

export const encryptionHandlers: Pick<HandlerMap, 'encryption.status' | 'encryption.recoveryKey'> = {
  'encryption.status': (_req, { app, actor }) => encryptionStatus(app.deps, actor),
  'encryption.recoveryKey': (_req, { app, actor }) => showRecoveryKey(app.deps, actor),
};
