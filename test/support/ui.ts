import { expect } from 'vitest';

/** Wait for a condition (the default 1 s of expect.poll is short for password hashing on a slow machine). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

/**
 * A button's accessible name, matched loosely: antd puts a space between two Chinese characters ("登 录"),
 * and a button that was loading may keep its hidden icon, which adds "loading" to the name.
 */
export const loose = (text: string) => new RegExp(`^\\s*(loading\\s+)?${[...text].join('\\s*')}\\s*$`);
