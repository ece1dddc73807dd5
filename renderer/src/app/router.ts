import { useEffect, useState } from 'react';

/** The page a signed-in window starts on: the workbench (工作台), so nothing due is only in a list nobody opens. */
export const DEFAULT_PATH = '/workbench';

/** A small hash router: the app is one window with a handful of pages, and hash URLs work from app:// and http alike. */
export function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || DEFAULT_PATH;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useHashPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

/** Match `/records/:id` style patterns; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const actual = path.split('?')[0].split('/');
  if (p.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(actual[i]);
    else if (p[i] !== actual[i]) return null;
  }
  return params;
}
