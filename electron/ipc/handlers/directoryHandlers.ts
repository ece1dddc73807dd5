import { findUnits } from '../../services/directory/unitDirectory';
import type { HandlerMap } from '../registry';

export const directoryHandlers: HandlerMap<'directory.findUnits'> = {
  'directory.findUnits': (req, { app }) => app.deps.db.read((sql) => ({ units: findUnits(sql, req.text) })),
};
