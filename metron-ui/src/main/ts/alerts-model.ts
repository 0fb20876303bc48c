// What an alert looks like to the UI: Metron's field names and how values are shown.
import { api, type AlertRef, type Source } from './api';

export const SCORE_FIELD = 'threat.triage.score';
export const STATUSES = ['NEW', 'OPEN', 'DISMISS', 'ESCALATE', 'RESOLVE'] as const;
export type Status = (typeof STATUSES)[number];

/** The guid and sensor type that name an alert in update and meta-alert calls. */
export function refOf(source: Source): AlertRef {
  return { guid: String(source['guid']), sensorType: String(source['source.type']) };
}

/** A value as text: timestamps as UTC date-times, lists and objects as JSON. */
export function formatValue(field: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if ((field === 'timestamp' || field.endsWith('_timestamp')) && typeof value === 'number') {
    return new Date(value).toISOString().replace('T', ' ').replace('Z', '');
  }
  if (field === SCORE_FIELD && typeof value === 'number') return String(Math.round(value * 100) / 100);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Severity band of a triage score, as Metron's UI coloured it. */
export function scoreClass(value: unknown): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return 'none';
  if (n >= 70) return 'high';
  if (n >= 40) return 'medium';
  return 'low';
}

/** Sets the status of alerts (a patch each); ESCALATE also sends them to the escalation topic. */
export async function setAlertStatus(sources: Source[], status: Status): Promise<void> {
  await Promise.all(
    sources.map((s) =>
      api.patch(refOf(s), [{ op: 'add', path: '/alert_status', value: status }]),
    ),
  );
  if (status === 'ESCALATE') await api.escalate(sources);
}

