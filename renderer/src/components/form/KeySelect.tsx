import { Select, type SelectProps } from 'antd';
import type { KeyboardEvent } from 'react';
import { focusNext } from './focusOrder';

/**
 * A single choice for the keyboard: typing narrows the options, Enter or Tab takes the highlighted one, and
 * Tab then goes on to the next field (antd's select takes the option but keeps the cursor on itself).
 */
export function KeySelect(props: SelectProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    props.onKeyDown?.(e);
    if (e.key !== 'Tab' || !e.defaultPrevented) return;
    const from = e.target as HTMLElement;
    const backwards = e.shiftKey;
    setTimeout(() => focusNext(from, backwards), 0);
  };
  return <Select showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" {...props} onKeyDown={onKeyDown} />;
}
