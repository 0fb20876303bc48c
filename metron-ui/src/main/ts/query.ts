// Lucene query text: the clauses the facet buttons, the time picker and the pivots add.

/** A value quoted for a Lucene term query: "10.0.0.1", with " and \ escaped. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

/** A field name escaped for Lucene (dots are fine; ':' and spaces are not). */
export function fieldName(field: string): string {
  return field.replace(/([\s:\\/+\-!(){}[\]^"~*?&|])/g, '\\$1');
}

function isMatchAll(query: string): boolean {
  const q = query.trim();
  return q === '' || q === '*' || q === '*:*';
}

/**
 * `query AND clause`, or just the clause when the query matches everything. A query of only
 * negations (`-source.type:metaalert`) matches nothing once grouped in Lucene's syntax, so it is
 * grouped with `*:*` to mean "everything but".
 */
export function and(query: string, clause: string): string {
  return isMatchAll(query) ? clause : `(${positive(query)}) AND ${clause}`;
}

/** The query, led by `*:*` when it starts with a negation. */
function positive(query: string): string {
  const q = query.trim();
  return /^(-|NOT\s)/.test(q) ? `*:* ${q}` : q;
}

/** Adds field:"value" (include) or -field:"value" (exclude) to a query. */
export function withTerm(query: string, field: string, value: string, exclude = false): string {
  const clause = `${fieldName(field)}:${quote(value)}`;
  return exclude ? without(query, clause) : and(query, clause);
}

/** `query AND NOT clause`. */
export function without(query: string, clause: string): string {
  return isMatchAll(query) ? `*:* AND -${clause}` : `(${positive(query)}) AND -${clause}`;
}

/** A time range as Metron's UI sent it: a range clause on timestamp (epoch ms, end exclusive). */
export function timeClause(fromMs: number | null, toMs: number | null): string | null {
  if (fromMs === null && toMs === null) return null;
  return `timestamp:[${fromMs ?? '*'} TO ${toMs ?? '*'}}`;
}

/** The query sent to the server: what the analyst typed, with the time range applied. */
export function effectiveQuery(query: string, fromMs: number | null, toMs: number | null): string {
  const time = timeClause(fromMs, toMs);
  if (time) return and(query, time);
  if (isMatchAll(query)) return '*';
  return positive(query);
}
