// The alert details panel: every field, status, triage fields (assignee, close reason, snooze),
// comments, meta-alert members, history from the audit log, pivots and the PCAP panel.
import { api, ApiError, type SearchResult, type Source } from './api';
import { h, render } from './dom';
import { formatValue, refOf, scoreClass, setAlertStatus, SCORE_FIELD, STATUSES, type Status } from './alerts-model';
import { PcapPanel } from './pcap';

export interface DetailsHost {
  /** An alert changed: search again. */
  changed: () => void | Promise<void>;
  /** Show every event whose field has this value. */
  pivot: (field: string, value: string) => void;
  say: (message: string, error?: boolean) => void;
}

const SNOOZES: [string, number][] = [
  ['1 hour', 3_600_000],
  ['4 hours', 4 * 3_600_000],
  ['1 day', 24 * 3_600_000],
  ['1 week', 7 * 24 * 3_600_000],
];

export class DetailsPanel {
  readonly element: HTMLElement;
  private current: Source | null = null;
  private opener: HTMLElement | null = null;
  private pcap: PcapPanel | null = null;

  constructor(
    private readonly user: string,
    private readonly host: DetailsHost,
  ) {
    this.element = h('aside', { id: 'details', 'aria-label': 'Alert details', hidden: true, tabindex: '-1' });
  }

  /** Shows an alert, reading its latest version from the server. */
  async show(result: SearchResult): Promise<void> {
    this.opener = document.activeElement as HTMLElement | null;
    this.current = result.source;
    this.element.hidden = false;
    this.draw(result.source);
    this.element.focus();
    await this.reload();
  }

  /** Reads the shown alert again (after an action). */
  async reload(): Promise<void> {
    if (!this.current || this.element.hidden) return;
    // Busy while the latest version is on its way: its redraw replaces the panel's inputs.
    this.element.setAttribute('aria-busy', 'true');
    try {
      const latest = await api.findOne(refOf(this.current));
      if (latest) {
        this.current = latest;
        this.draw(latest);
      }
    } catch (err) {
      this.host.say(`Cannot read the alert: ${(err as Error).message}`, true);
    } finally {
      this.element.setAttribute('aria-busy', 'false');
    }
  }

  hide(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.current = null;
    this.opener?.focus();
  }

  private draw(s: Source): void {
    const guid = String(s['guid']);
    const isMeta = s['source.type'] === 'metaalert';
    const status = String(s['alert_status'] ?? 'NEW');
    const comments = Array.isArray(s['comments']) ? (s['comments'] as Record<string, unknown>[]) : [];
    const children = Array.isArray(s['metron_alert']) ? (s['metron_alert'] as Source[]) : [];
    const commentBox = h('textarea', { id: 'comment-text', rows: '2' });
    const assignee = h('input', { id: 'assignee', value: String(s['assignee'] ?? '') });
    const reason = h('input', { id: 'close-reason', value: String(s['close_reason'] ?? '') });
    const metaName = h('input', { id: 'meta-name', value: String(s['name'] ?? '') });
    const snooze = h(
      'select',
      { id: 'snooze' },
      h('option', { value: '' }, 'Snooze for…'),
      SNOOZES.map(([label, ms]) => h('option', { value: String(ms) }, label)),
    );
    const historyEl = h('section', { id: 'history', 'aria-label': 'History' }, h('h3', null, 'History'), h('p', { class: 'muted' }, 'Loading…'));
    // The packets panel outlives redraws of the same alert, so a query's answer stays in view.
    if (this.pcap?.guid !== guid) this.pcap = new PcapPanel(s, this.host.say);
    const pcap = this.pcap;
    const communityId = s['community_id'];
    const snoozedUntil = typeof s['snooze_until'] === 'number' ? (s['snooze_until'] as number) : null;

    render(
      this.element,
      h(
        'header',
        null,
        h('h2', { id: 'details-title' }, isMeta ? `Meta-alert${s['name'] ? `: ${String(s['name'])}` : ''}` : `${String(s['source.type'])} alert`),
        h('button', { type: 'button', class: 'icon', id: 'close-details', 'aria-label': 'Close details', onclick: () => this.hide() }, '×'),
      ),
      h(
        'p',
        { class: 'headline' },
        h('span', { class: `score ${scoreClass(s[SCORE_FIELD])}`, 'aria-label': 'Score' }, formatValue(SCORE_FIELD, s[SCORE_FIELD]) || '–'),
        ' ',
        h('span', { id: 'details-status', class: `status ${status.toLowerCase()}` }, status),
        ' ',
        h('code', { id: 'details-guid' }, guid),
      ),
      h(
        'div',
        { class: 'actions', role: 'group', 'aria-label': 'Status' },
        STATUSES.map((st) =>
          h(
            'button',
            {
              type: 'button',
              id: `details-${st.toLowerCase()}`,
              'aria-pressed': st === status ? 'true' : 'false',
              onclick: () => this.setStatus(s, st),
            },
            st,
          ),
        ),
      ),
      isMeta
        ? h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                id: 'meta-toggle',
                onclick: () => this.act(() => api.metaAlertStatus(guid, s['status'] === 'inactive' ? 'ACTIVE' : 'INACTIVE'), 'Meta-alert status changed.'),
              },
              s['status'] === 'inactive' ? 'Activate meta-alert' : 'Inactivate meta-alert',
            ),
          )
        : null,
      // Metron's UI renamed a meta-alert with a patch of its name field; so does this one.
      isMeta
        ? h(
            'form',
            {
              class: 'row',
              'aria-label': 'Meta-alert name',
              onsubmit: (e: Event) => {
                e.preventDefault();
                void this.patchField(s, 'name', metaName.value.trim() || null);
              },
            },
            h('label', { for: 'meta-name' }, 'Name'),
            metaName,
            h('button', { type: 'submit', id: 'save-meta-name' }, 'Rename'),
          )
        : null,
      h(
        'section',
        { class: 'triage', 'aria-label': 'Triage' },
        h('label', { for: 'assignee' }, 'Assignee'),
        h(
          'div',
          { class: 'row' },
          assignee,
          h('button', { type: 'button', id: 'assign', onclick: () => this.patchField(s, 'assignee', assignee.value.trim() || null) }, 'Assign'),
          h('button', { type: 'button', id: 'assign-me', onclick: () => this.patchField(s, 'assignee', this.user) }, 'Assign to me'),
        ),
        h('label', { for: 'close-reason' }, 'Close reason'),
        h(
          'div',
          { class: 'row' },
          reason,
          h('button', { type: 'button', id: 'save-reason', onclick: () => this.patchField(s, 'close_reason', reason.value.trim() || null) }, 'Save'),
        ),
        h('label', { for: 'snooze' }, 'Snooze'),
        h(
          'div',
          { class: 'row' },
          snooze,
          h('button', { type: 'button', id: 'snooze-button', onclick: () => snooze.value && this.patchField(s, 'snooze_until', Date.now() + Number(snooze.value)) }, 'Snooze'),
          snoozedUntil
            ? h('button', { type: 'button', id: 'unsnooze', onclick: () => this.patchField(s, 'snooze_until', null) }, `Wake (snoozed to ${formatValue('timestamp', snoozedUntil)})`)
            : null,
        ),
      ),
      isMeta
        ? null
        : h(
        'section',
        { class: 'pivots', 'aria-label': 'Pivots' },
        h('h3', null, 'Pivot'),
        typeof communityId === 'string' && communityId
          ? h('button', { type: 'button', id: 'pivot-community', onclick: () => this.host.pivot('community_id', communityId) }, 'Same community_id')
          : null,
        s['ip_src_addr']
          ? h('button', { type: 'button', id: 'pivot-src', onclick: () => this.host.pivot('ip_src_addr', String(s['ip_src_addr'])) }, `Source ${String(s['ip_src_addr'])}`)
          : null,
        s['ip_dst_addr']
          ? h('button', { type: 'button', id: 'pivot-dst', onclick: () => this.host.pivot('ip_dst_addr', String(s['ip_dst_addr'])) }, `Destination ${String(s['ip_dst_addr'])}`)
          : null,
      ),
      isMeta ? null : pcap.element,
      isMeta
        ? h(
            'section',
            { id: 'members', 'aria-label': 'Alerts in this meta-alert' },
            h('h3', null, `Alerts (${children.length})`),
            h(
              'ul',
              null,
              children.map((c) =>
                h(
                  'li',
                  null,
                  h('span', { class: `score ${scoreClass(c[SCORE_FIELD])}` }, formatValue(SCORE_FIELD, c[SCORE_FIELD]) || '–'),
                  ` ${String(c['source.type'])} ${String(c['ip_src_addr'] ?? '')} → ${String(c['ip_dst_addr'] ?? '')} `,
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'small',
                      'aria-label': `Remove alert ${String(c['guid'])} from the meta-alert`,
                      onclick: () => this.act(() => api.removeFromMetaAlert(guid, [refOf(c)]), 'Alert removed from the meta-alert.'),
                    },
                    'Remove',
                  ),
                ),
              ),
            ),
          )
        : null,
      h(
        'section',
        { id: 'comments', 'aria-label': 'Comments' },
        h('h3', null, `Comments (${comments.length})`),
        h(
          'ul',
          null,
          comments.map((c) =>
            h(
              'li',
              { class: 'comment' },
              h('p', null, String(c['comment'])),
              h(
                'p',
                { class: 'muted' },
                `${String(c['username'])}, ${formatValue('timestamp', c['timestamp'])} `,
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'small',
                    'aria-label': 'Delete this comment',
                    onclick: () =>
                      this.act(
                        () => api.removeComment(refOf(s), String(c['comment']), String(c['username']), Number(c['timestamp'])),
                        'Comment deleted.',
                      ),
                  },
                  'Delete',
                ),
              ),
            ),
          ),
        ),
        h(
          'form',
          {
            onsubmit: (e: Event) => {
              e.preventDefault();
              const text = commentBox.value.trim();
              if (text) void this.act(() => api.addComment(refOf(s), text, this.user), 'Comment added.');
            },
          },
          h('label', { for: 'comment-text' }, 'Add a comment'),
          commentBox,
          h('button', { type: 'submit', id: 'add-comment' }, 'Add comment'),
        ),
      ),
      historyEl,
      h(
        'section',
        { id: 'fields', 'aria-label': 'All fields' },
        h('h3', null, 'All fields'),
        h(
          'table',
          { class: 'fields' },
          h(
            'tbody',
            null,
            Object.keys(s)
              .filter((k) => k !== 'comments' && k !== 'metron_alert')
              .sort()
              .map((k) =>
                h('tr', null, h('th', { scope: 'row' }, k), h('td', null, formatValue(k, s[k]))),
              ),
          ),
        ),
      ),
    );
    void this.loadHistory(guid, historyEl);
  }

  private async loadHistory(guid: string, el: HTMLElement): Promise<void> {
    try {
      const entries = await api.history(guid);
      render(
        el,
        h('h3', null, 'History'),
        entries.length === 0
          ? h('p', { class: 'muted' }, 'No changes yet.')
          : h(
              'ol',
              { class: 'history' },
              entries.map((e) =>
                h(
                  'li',
                  null,
                  h('time', { datetime: e.time }, e.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')),
                  ` ${e.user}: ${e.action}`,
                  e.after !== undefined && e.after !== null ? h('span', { class: 'muted' }, ` ${describeChange(e.after)}`) : null,
                ),
              ),
            ),
      );
    } catch (err) {
      render(el, h('h3', null, 'History'), h('p', { class: 'muted' }, err instanceof ApiError && err.status === 404 ? 'The server keeps no history.' : `Cannot load the history: ${(err as Error).message}`));
    }
  }

  private async setStatus(s: Source, status: Status): Promise<void> {
    await this.act(() => setAlertStatus([s], status), `Status set to ${status}.`);
  }

  private async patchField(s: Source, field: string, value: unknown): Promise<void> {
    const op = value === null ? { op: 'remove' as const, path: `/${field}` } : { op: 'add' as const, path: `/${field}`, value };
    if (value === null && s[field] === undefined) return;
    await this.act(() => api.patch(refOf(s), [op]), `${field} ${value === null ? 'cleared' : 'saved'}.`);
  }

  private async act(action: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await action();
      this.host.say(done);
      await this.host.changed();
      await this.reload();
    } catch (err) {
      this.host.say(`Failed: ${(err as Error).message}`, true);
    }
  }
}

/** An audited change as short text: {"alert_status":"ESCALATE"} becomes alert_status = ESCALATE. */
function describeChange(after: unknown): string {
  if (after && typeof after === 'object' && !Array.isArray(after)) {
    return Object.entries(after as Record<string, unknown>)
      .map(([k, v]) => `${k} = ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  }
  return typeof after === 'string' ? after : JSON.stringify(after);
}
