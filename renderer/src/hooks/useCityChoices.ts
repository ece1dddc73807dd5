import { useEffect, useMemo, useState } from 'react';
import type { CityDictionary } from '../../../shared/contract/directory';
import { api } from '../api/client';
import { SYNC_CHANGED_EVENT } from '../pages/sync/SyncHeaderStatus';

export interface ChoiceOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** The city's code lists, read once and again after each sync (they change only when sync downloads them). */
let loaded: Promise<CityDictionary[]> | null = null;
const load = () => (loaded ??= api.directoryDictionaries({}).then((r) => r.dictionaries, () => ((loaded = null), [])));
if (typeof window !== 'undefined') window.addEventListener(SYNC_CHANGED_EVENT, () => (loaded = null));

/**
 * A vocabulary's choices beside the city's code list of the same name (失信情形, 领域, …): a built-in value
 * the city lists shows its code (and typing the code finds it); a value the city lists that this version
 * does not know is shown, not choosable, so the clerk sees the city's whole list and why one is missing.
 * The stored values stay the built-in ones, which the service and the platform both validate.
 */
export function withCityCodes(options: readonly ChoiceOption[], dictionary: CityDictionary | undefined): ChoiceOption[] {
  if (!dictionary) return [...options];
  const codeOf = new Map(dictionary.entries.map((e) => [e.label, e.code]));
  const known = new Set(options.map((o) => o.value));
  const coded = options.map((o) => (codeOf.has(o.value) ? { ...o, label: `${o.label}（${codeOf.get(o.value)}）` } : o));
  const newer = dictionary.entries
    .filter((e) => !known.has(e.label))
    .map((e) => ({ value: `city:${e.code}`, label: `${e.label}（${e.code}，市平台新增，待更新后可选）`, disabled: true }));
  return [...coded, ...newer];
}

export function useCityChoices(name: string, options: readonly ChoiceOption[]): ChoiceOption[] {
  const [dictionaries, setDictionaries] = useState<CityDictionary[]>([]);
  useEffect(() => {
    let live = true;
    void load().then((d) => live && setDictionaries(d));
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => withCityCodes(options, dictionaries.find((d) => d.name === name)), [dictionaries, name, options]);
}
