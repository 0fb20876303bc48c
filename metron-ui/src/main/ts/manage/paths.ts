// JSON paths as the server's config check writes them ($.parserConfig.columns, $['es.date.format'],
// $.fieldTransformations[0].config), and reading or writing a document at one.
import type { Doc } from './manage-api';

export type Key = string | number;

/** The server's path text for a list of keys. */
export function pathText(keys: Key[]): string {
  let out = '$';
  for (const k of keys) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) out += `.${k}`;
    else out += `['${k}']`;
  }
  return out;
}

export function getAt(doc: unknown, keys: Key[]): unknown {
  let v: unknown = doc;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k as string];
  }
  return v;
}

/** Sets (or, for undefined, removes) the value at keys, creating objects on the way. */
export function setAt(doc: Doc, keys: Key[], value: unknown): void {
  let v: Record<string, unknown> = doc;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i] as string;
    if (v[k] === null || typeof v[k] !== 'object') v[k] = typeof keys[i + 1] === 'number' ? [] : {};
    v = v[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete v[last];
  else v[last] = value;
}

/** Whether a problem at `problem` belongs to the field at `field` (the same path or inside it). */
export function within(problem: string, field: string): boolean {
  return problem === field || problem.startsWith(field + '.') || problem.startsWith(field + '[');
}
