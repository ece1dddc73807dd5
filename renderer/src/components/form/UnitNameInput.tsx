import { AutoComplete, Form, Input, type FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
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

/**
 * The city's directory of units in a form: a name chosen from the suggestions fills its code, and a whole code
 * typed into an empty name fills the name. Returns UnitNameInput's `onPick`; `changed` runs after each fill (the
 * form's draft keeps it).
 */
export function useUnitDirectoryFill(form: FormInstance, fields: { name: string; code: string }, changed: () => void): (unit: DirectoryUnit) => void {
  const { name, code } = fields;
  const fillCode = useCallback((unit: DirectoryUnit) => {
    form.setFieldsValue({ [name]: unit.name, [code]: unit.uscc });
    void form.validateFields([code]).catch(() => undefined);
    changed();
  }, [form, name, code, changed]);
  const typedCode: string | undefined = Form.useWatch(code, form);
  const unitOfCode = useDirectoryUnits(typedCode?.length === 18 ? typedCode : undefined, 18).find((u) => u.uscc === typedCode);
  useEffect(() => {
    if (unitOfCode && !(form.getFieldValue(name) ?? '').trim()) {
      form.setFieldValue(name, unitOfCode.name);
      changed();
    }
  }, [unitOfCode, form, name, changed]);
  return fillCode;
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
