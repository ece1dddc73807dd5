import { AutoComplete, Input } from 'antd';
import { useEffect, useState } from 'react';
import type { DirectoryUnit } from '../../../../shared/contract/directory';
import { api } from '../../api/client';

/** Typed characters before the directory is asked (one character matches half the city). */
const MIN_CHARS = 2;
const PAUSE_MS = 150;

/** Units of the city's directory (downloaded by sync) for a name or a code; [] when it has none or fails. */
export function useDirectoryUnits(text: string | undefined, minChars = MIN_CHARS): DirectoryUnit[] {
  const [units, setUnits] = useState<DirectoryUnit[]>([]);
  useEffect(() => {
    const typed = (text ?? '').trim();
    if (typed.length < minChars) {
      setUnits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.directoryFindUnits({ text: typed }).then((r) => live && setUnits(r.units), () => live && setUnits([]));
    }, PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, minChars]);
  return units;
}

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  /** A unit chosen from the suggestions: the form fills its 统一社会信用代码. */
  onPick: (unit: DirectoryUnit) => void;
  maxLength: number;
  id?: string;
  placeholder?: string;
}

/**
 * A unit's name with suggestions from the city's directory: ↓ and Enter (or the mouse) take one, and its
 * code is filled in. Any name may still be typed — the directory only helps.
 */
export function UnitNameInput({ value, onChange, onPick, maxLength, id, placeholder }: Props) {
  const units = useDirectoryUnits(value);
  const options = units
    .filter((u) => u.name !== value)
    .map((u) => ({
      value: u.uscc,
      label: (
        <div className="directory-option">
          <span>{u.name}</span>
          <span className="cell-sub">{u.uscc}</span>
        </div>
      ),
    }));
  const pick = (uscc: string) => {
    const unit = units.find((u) => u.uscc === uscc);
    if (!unit) return;
    onChange?.(unit.name);
    onPick(unit);
  };
  return (
    <AutoComplete
      id={id}
      value={value}
      options={options}
      // the options' values are codes (taken by pick); anything typed goes to the field as the name it is
      onChange={(text: string) => {
        if (!units.some((u) => u.uscc === text)) onChange?.(text);
      }}
      onSelect={pick}
      popupMatchSelectWidth
    >
      <Input maxLength={maxLength} placeholder={placeholder} autoComplete="off" />
    </AutoComplete>
  );
}
