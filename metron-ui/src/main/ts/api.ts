// The REST client: one function per call of the server's /api/v1 (Metron's paths and bodies).
// Every action in the UI is one of these calls; the UI keeps no state the server does not have.

export type Source = Record<string, unknown>;

export interface SortField {
  field: string;
  sortOrder: 'asc' | 'desc';
}

export interface SearchRequest {
  indices: string[];
  query: string;
  from: number;
  size: number;
  sort: SortField[];
  facetFields: string[];
  fields?: string[];
}

export interface SearchResult {
  id: string;
  index: string;
  score?: number;
  source: Source;
}

export interface SearchResponse {
  total: number;
  results: SearchResult[];
  facetCounts: Record<string, Record<string, number>>;
}

export interface GroupResult {
  key: string;
  total: number;
  score: number;
  groupedBy?: string | null;
  groupResults?: GroupResult[] | null;
}

export interface GroupResponse {
  groupedBy: string;
  groupResults: GroupResult[];
}

export interface AlertRef {
  guid: string;
  sensorType: string;
}

export interface PatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

export interface SavedSearch {
  name: string;
  searchRequest: SearchRequest;
  /** Offered to every user when true. */
  shared?: boolean;
}

export interface SharedSearch {
  user: string;
  name: string;
  searchRequest: SearchRequest;
}

/** Metron's AlertsUIUserSettings. */
export interface UserSettings {
  user?: string;
  tableColumns?: string[];
  savedSearches?: SavedSearch[];
  recentSearches?: string[];
  facetFields?: string[];
}

export interface PcapStatus {
  jobId: string;
  jobStatus: string;
  description?: string;
  percentComplete?: number;
  pageTotal?: number;
  size?: number;
}

/** One audit log entry about an alert. */
export interface HistoryEntry {
  time: string;
  user: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** A failed call: the server's {"error", "field"} answer, with the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const BASE = '/api/v1';
let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** What to do when a call answers 401 (the session ended): show the login page. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  // X-Requested-With: the server then answers 401 without WWW-Authenticate, which would make the
  // browser show its own password dialog.
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken && method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(BASE + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let message = `${method} ${path} failed: HTTP ${response.status}`;
    let field: string | undefined;
    try {
      const err = await response.json();
      if (err && typeof err.error === 'string') message = err.error;
      else if (err && typeof err.message === 'string') message = err.message;
      if (err && typeof err.field === 'string') field = err.field;
    } catch {
      // Not JSON: keep the status line.
    }
    if (response.status === 401 && path !== '/login') onUnauthorized();
    throw new ApiError(response.status, message, field);
  }
  const text = await response.text();
  if (!text) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? JSON.parse(text) : text) as T;
}

interface LoginAnswer {
  user?: string;
  roles?: string[];
  csrfToken?: string;
}

// The CSRF token comes only with the login answer; it is kept for the tab's later page loads
// (a script of this origin can read it anyway, another site cannot).
const CSRF_KEY = 'metron.csrfToken';

export const api = {
  async login(username: string, password: string): Promise<string> {
    const answer = await call<LoginAnswer>('POST', '/login', { username, password });
    csrfToken = answer?.csrfToken ?? null;
    if (csrfToken) sessionStorage.setItem(CSRF_KEY, csrfToken);
    return answer?.user ?? username;
  },

  async logout(): Promise<void> {
    try {
      await call('POST', '/logout');
    } finally {
      csrfToken = null;
      sessionStorage.removeItem(CSRF_KEY);
    }
  },

  /** The signed-in user of this tab's session; fails (401) when there is none. */
  async session(): Promise<string> {
    csrfToken = sessionStorage.getItem(CSRF_KEY);
    if (!csrfToken) throw new ApiError(401, 'not signed in');
    return await call<string>('GET', '/user');
  },

  search: (request: SearchRequest) => call<SearchResponse>('POST', '/search/search', request),

  group: (request: {
    indices: string[];
    query: string;
    scoreField: string;
    groups: { field: string; order: { groupOrderType: 'COUNT' | 'TERM'; sortOrder: 'DESC' | 'ASC' } }[];
  }) => call<GroupResponse>('POST', '/search/group', request),

  /** The latest version of an alert (the server answers Metron's Document: {document, guid, …}). */
  async findOne(ref: AlertRef): Promise<Source> {
    const answer = await call<{ document?: Source } & Source>('POST', '/search/findOne', ref);
    return answer && typeof answer.document === 'object' && answer.document ? answer.document : answer;
  },

  columnMetadata: (indices: string[]) =>
    call<Record<string, string>>('POST', '/search/column/metadata', indices),

  patch: (ref: AlertRef, patch: PatchOp[]) =>
    call<Source>('PATCH', '/update/patch', { ...ref, patch }),

  addComment: (ref: AlertRef, comment: string, username: string) =>
    call<Source>('POST', '/update/add/comment', {
      ...ref,
      comment,
      username,
      timestamp: Date.now(),
    }),

  removeComment: (ref: AlertRef, comment: string, username: string, timestamp: number) =>
    call<Source>('POST', '/update/remove/comment', { ...ref, comment, username, timestamp }),

  escalate: (alerts: Source[]) => call<void>('POST', '/alerts/ui/escalate', alerts),

  createMetaAlert: (alerts: AlertRef[], groups: string[]) =>
    call<Source>('POST', '/metaalert/create', { alerts, groups }),

  addToMetaAlert: (metaAlertGuid: string, alerts: AlertRef[]) =>
    call<boolean>('POST', '/metaalert/add/alert', { metaAlertGuid, alerts }),

  removeFromMetaAlert: (metaAlertGuid: string, alerts: AlertRef[]) =>
    call<boolean>('POST', '/metaalert/remove/alert', { metaAlertGuid, alerts }),

  metaAlertStatus: (guid: string, status: 'ACTIVE' | 'INACTIVE') =>
    call<Source>('POST', `/metaalert/update/status/${encodeURIComponent(guid)}/${status}`),

  settings: () => call<UserSettings | undefined>('GET', '/alerts/ui/settings'),

  saveSettings: (settings: UserSettings) => call<void>('POST', '/alerts/ui/settings', settings),

  sharedSearches: () => call<SharedSearch[]>('GET', '/alerts/ui/searches/shared'),

  history: (guid: string) =>
    call<HistoryEntry[]>('GET', `/alerts/ui/history/${encodeURIComponent(guid)}`),

  histogram: (query: string, fromMs: number, toMs: number, buckets: number) =>
    call<{ from: number; to: number; interval: number; counts: number[] }>(
      'POST',
      '/alerts/ui/histogram',
      { query, fromTime: fromMs, toTime: toMs, buckets },
    ),

  pcapFixed: (request: Record<string, unknown>) => call<PcapStatus>('POST', '/pcap/fixed', request),

  pcapStatus: (jobId: string) => call<PcapStatus>('GET', `/pcap/${encodeURIComponent(jobId)}`),

  pcapDownloadUrl: (jobId: string, page = 1) =>
    `${BASE}/pcap/${encodeURIComponent(jobId)}/raw?page=${page}`,
};

/** The same client for the management area's calls (manage/manage-api.ts). */
export { call as request };
