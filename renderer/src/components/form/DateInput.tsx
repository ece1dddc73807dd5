import { DatePicker, type DatePickerProps } from 'antd';
import type { RangePickerProps } from 'antd/es/date-picker';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, type RefObject } from 'react';
import { DATE_FORMAT, isFuture } from '../dates';

/** What a clerk may type: 2024-03-05, 20240305, 2024/3/5, 2024.3.5; shown as the first. */
const TYPED_FORMATS = [DATE_FORMAT, 'YYYYMMDD', 'YYYY/M/D', 'YYYY.M.D', 'YYYY-M-D'];

/**
 * A date field for the keyboard: it takes a typed date in the usual ways, and Tab never stops on its clear
 * button (a mouse control) — after a date, Tab goes to the next field. It does not grey out future days:
 * a typed day after today stays in the box and the rule below says what is wrong with it.
 */
export function DateInput(props: DatePickerProps) {
  const root = useRef<HTMLSpanElement>(null);
  useClearOutOfTabOrder(root);
  return (
    <span ref={root} className="date-input">
      <DatePicker format={TYPED_FORMATS} placeholder={DATE_FORMAT} {...props} />
    </span>
  );
}

/** A date range (filter bars) with the same typing and Tab order. */
export function DateRangeInput(props: RangePickerProps) {
  const root = useRef<HTMLSpanElement>(null);
  useClearOutOfTabOrder(root);
  return (
    <span ref={root} className="date-input">
      <DatePicker.RangePicker format={TYPED_FORMATS} {...props} />
    </span>
  );
}

/** The picker's clear button is a <button> (for the mouse); keep it out of the Tab order as it comes and goes. */
function useClearOutOfTabOrder(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const untab = () => el.querySelectorAll('.ant-picker-clear').forEach((b) => b.setAttribute('tabindex', '-1'));
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(el, { subtree: true, childList: true });
    return () => observer.disconnect();
  }, [root]);
}

/** “…不能晚于今天”, for a date that must not be in the future. */
export const notFutureRule = (label: string): Rule => ({
  validator: async (_rule, value: Dayjs | null | undefined) => {
    if (value && isFuture(value)) throw new Error(`${label}不能晚于今天`);
  },
});
