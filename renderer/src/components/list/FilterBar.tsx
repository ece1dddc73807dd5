import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { memo, useCallback, useMemo } from 'react';
import { fromIso, toIso } from '../dates';
import { DateRangeInput } from '../form/DateInput';
import { emptyFilterValues, type FilterField, type FilterValues } from './filters';

type FormValues = Record<string, string | string[] | [Dayjs | null, Dayjs | null] | null | undefined>;

function toForm(fields: readonly FilterField[], values: FilterValues): FormValues {
  return Object.fromEntries(
    fields.map((f) => {
      const v = values[f.name];
      return [f.name, f.kind === 'dateRange' ? (Array.isArray(v) && v.length === 2 ? [fromIso(v[0]), fromIso(v[1])] : null) : v];
    }),
  );
}

function fromForm(fields: readonly FilterField[], form: FormValues): FilterValues {
  const empty = emptyFilterValues(fields);
  return Object.fromEntries(
    fields.map((f) => {
      const v = form[f.name];
      if (f.kind === 'dateRange') {
        const range = v as [Dayjs | null, Dayjs | null] | null | undefined;
        return [f.name, range?.[0] && range[1] ? [toIso(range[0])!, toIso(range[1])!] : null];
      }
      return [f.name, (v as FilterValues[string] | undefined) ?? empty[f.name]];
    }),
  );
}

export interface FilterBarProps {
  /** The form's name (ids of its fields). */
  name: string;
  fields: readonly FilterField[];
  /** The values when the bar is first shown (the saved list state); afterwards the bar holds its own. */
  initial: FilterValues;
  onChange(values: FilterValues): void;
  /** 清除筛选 is offered when something is chosen. */
  filtered: boolean;
  className?: string;
}

/**
 * The filter bar of a list page, drawn from its declaration. It re-renders only when the clerk changes a
 * filter (not when the rows arrive), so typing in its search box stays quick on a large ledger.
 */
export const FilterBar = memo(function FilterBar({ name, fields, initial, onChange, filtered, className }: FilterBarProps) {
  const [form] = Form.useForm<FormValues>();
  const initialValues = useMemo(() => toForm(fields, initial), []); // eslint-disable-line react-hooks/exhaustive-deps -- the first values only
  const onValuesChange = useCallback((_changed: FormValues, all: FormValues) => onChange(fromForm(fields, all)), [fields, onChange]);
  const reset = useCallback(() => {
    const empty = emptyFilterValues(fields);
    form.setFieldsValue(toForm(fields, empty));
    onChange(empty);
  }, [fields, form, onChange]);

  return (
    <Form<FormValues> form={form} name={name} layout="inline" className={`filter-bar ${className ?? ''}`} initialValues={initialValues} onValuesChange={onValuesChange}>
      {fields.map((f) => (
        <Form.Item key={f.name} label={f.label} name={f.name}>
          {f.kind === 'text' ? (
            <Input allowClear prefix={f.search ? <SearchOutlined /> : undefined} placeholder={f.placeholder} style={{ width: f.width ?? 170 }} autoFocus={f.search} />
          ) : f.kind === 'choices' ? (
            <Select
              mode="multiple"
              allowClear
              maxTagCount={1}
              maxTagTextLength={6}
              style={{ width: f.width ?? 150 }}
              options={f.options as FilterFieldOptions}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
            />
          ) : (
            <DateRangeInput style={{ width: f.width ?? 230 }} />
          )}
        </Form.Item>
      ))}
      <Form.Item>
        <Button onClick={reset} disabled={!filtered}>清除筛选</Button>
      </Form.Item>
    </Form>
  );
});

type FilterFieldOptions = Array<{ value: string; label: string }>;
