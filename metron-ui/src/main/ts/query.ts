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

/** `query AND clause`, or just the clause when the query matches everything. */
export function and(query: string, clause: string): string {
  return isMatchAll(query) ? clause : `(${query.trim()}) AND ${clause}`;
}

/** Adds field:"value" (include) or -field:"value" (exclude) to a query. */
export function withTerm(query: string, field: string, value: string, exclude = false): string {
  const clause = `${fieldName(field)}:${quote(value)}`;
  if (exclude) return isMatchAll(query) ? `*:* AND -${clause}` : `(${query.trim()}) AND -${clause}`;
  return and(query, clause);
}

/** A time range as Metron's UI sent it: a range clause on timestamp (epoch ms, end exclusive). */
export function timeClause(fromMs: number | null, toMs: number | null): string | null {
  if (fromMs === null && toMs === null) return null;
  return `timestamp:[${fromMs ?? '*'} TO ${toMs ?? '*'}}`;
}

/** The query sent to the server: what the analyst typed, with the time range applied. */
export function effectiveQuery(query: string, fromMs: number | null, toMs: number | null): string {
  const time = timeClause(fromMs, toMs);
  return time ? and(query, time) : isMatchAll(query) ? '*' : query.trim();
}
