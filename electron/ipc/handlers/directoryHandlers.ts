import { cityDictionaries, findUnits } from '../../services/directory/cityDirectory';
import type { HandlerMap } from '../registry';

export const directoryHandlers: HandlerMap<'directory.findUnits' | 'directory.dictionaries'> = {
  'directory.dictionaries': (_req, { app }) => app.deps.db.read((sql) => ({ dictionaries: cityDictionaries(sql) })),
  'directory.findUnits': (req, { app }) => app.deps.db.read((sql) => ({ units: findUnits(sql, req.text) })),
};
