// The alerts view: query bar, time range, facets, histogram, table or group-by tree, bulk actions,
// details panel and keyboard triage. It renders what the server answers and sends every action
// as a REST call; after an action it asks the server again rather than guessing the result.
import {
  api,
  ApiError,
  type SearchRequest,
  type SearchResponse,
  type SearchResult,
  type SharedSearch,
  type UserSettings,
} from './api';
import { byId, h, render } from './dom';
import { DetailsPanel } from './details';
import { effectiveQuery, withTerm, without } from './query';
import { GroupTree } from './tree';
import { Histogram } from './histogram';
import { formatValue, refOf, scoreClass, setAlertStatus, SCORE_FIELD, STATUSES, type Status } from './alerts-model';

const DEFAULT_COLUMNS = [
  SCORE_FIELD,
  'timestamp',
  'source.type',
  'ip_src_addr',
  'ip_src_port',
  'ip_dst_addr',
  'ip_dst_port',
  'protocol',
  'alert_status',
];
const DEFAULT_FACETS = ['source.type', 'ip_src_addr', 'ip_dst_addr', 'protocol', 'alert_status', 'is_alert'];
const RECENT_LIMIT = 10;

/** Quick time ranges: label and length in ms (null: all time). */
const RANGES: [string, number | null][] = [
  ['Last 15 minutes', 15 * 60_000],
  ['Last hour', 3_600_000],
  ['Last 4 hours', 4 * 3_600_000],
  ['Last 24 hours', 24 * 3_600_000],
  ['Last 7 days', 7 * 24 * 3_600_000],
  ['Last 30 days', 30 * 24 * 3_600_000],
  ['All time', null],
];

export class AlertsView {
  private query = '*';
  private rangeIndex = 3;
  private customFrom: number | null = null;
  private customTo: number | null = null;
  private from = 0;
  private size = 25;
  private sort: { field: string; sortOrder: 'asc' | 'desc' } = { field: 'timestamp', sortOrder: 'desc' };
  private columns = [...DEFAULT_COLUMNS];
  private facetFields = [...DEFAULT_FACETS];
  private groupBy: string[] = [];
  private settings: UserSettings = {};
  private shared: SharedSearch[] = [];
  private response: SearchResponse = { total: 0, results: [], facetCounts: {} };
  private cursor = 0;
  private selected = new Map<string, SearchResult>();
  private readonly details: DetailsPanel;
  private readonly tree: GroupTree;
  private readonly histogram: Histogram;
  private readonly queryInput: HTMLInputElement;
  private readonly rangeSelect: HTMLSelectElement;
  private readonly customFromInput: HTMLInputElement;
  private readonly customToInput: HTMLInputElement;
  private readonly savedSelect: HTMLSelectElement;
  private readonly historyList: HTMLDataListElement;
  private readonly statusLine: HTMLElement;
  private readonly facetsEl: HTMLElement;
  private readonly resultsEl: HTMLElement;
  private readonly summaryEl: HTMLElement;
  private readonly groupByEl: HTMLElement;
  private readonly helpDialog: HTMLDialogElement;
  private readonly columnsDialog: HTMLDialogElement;
  private keyHandler = (e: KeyboardEvent) => this.onKey(e);
  private events: EventSource | null = null;
  private version = 0;
  private storeTotal: number | null = null;
  private readonly liveBox: HTMLInputElement;
  private readonly hideSnoozed: HTMLInputElement;
  private readonly newEvents: HTMLButtonElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly user: string,
    private readonly logout: () => void,
  ) {
    this.queryInput = h('input', {
      id: 'query',
      type: 'search',
      list: 'query-history',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'Lucene query, e.g. ip_src_addr:10.0.0.1 AND -alert_status:RESOLVED',
    });
    this.historyList = h('datalist', { id: 'query-history' });
    this.rangeSelect = h(
      'select',
      { id: 'time-range', onchange: () => this.onRangeChange() },
      RANGES.map(([label], i) => h('option', { value: String(i) }, label)),
      h('option', { value: 'custom' }, 'Custom range…'),
    );
    this.rangeSelect.value = String(this.rangeIndex);
    this.customFromInput = h('input', { id: 'time-from', type: 'datetime-local', step: '1' });
    this.customToInput = h('input', { id: 'time-to', type: 'datetime-local', step: '1' });
    // Edited bounds apply on Search (or Enter), also after a histogram zoom filled them in.
    this.customFromInput.onchange = () => this.readCustomRange();
    this.customToInput.onchange = () => this.readCustomRange();
    this.savedSelect = h('select', { id: 'saved-searches', onchange: () => this.loadSaved() });
    this.statusLine = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' });
    this.facetsEl = h('nav', { id: 'facets', 'aria-label': 'Facets' });
    this.resultsEl = h('div', { id: 'results' });
    this.summaryEl = h('span', { id: 'summary' });
    this.groupByEl = h('div', { id: 'group-by', class: 'chips', 'aria-label': 'Grouped by' });
    this.helpDialog = this.buildHelp();
    this.columnsDialog = h('dialog', { id: 'columns-dialog', 'aria-labelledby': 'columns-title' });
    this.details = new DetailsPanel(this.user, {
      changed: () => this.refresh(),
      pivot: (field, value) => this.pivot(field, value),
      say: (m, error) => this.say(m, error),
    });
    this.tree = new GroupTree({
      open: (r) => this.details.show(r),
      say: (m, error) => this.say(m, error),
      changed: () => this.refresh(),
      query: () => this.currentQuery(),
    });
    this.histogram = new Histogram((fromMs, toMs) => this.zoom(fromMs, toMs));
    this.liveBox = h('input', { type: 'checkbox', id: 'live', checked: true });
    this.hideSnoozed = h('input', {
      type: 'checkbox',
      id: 'hide-snoozed',
      checked: true,
      onchange: () => void this.refresh(),
    });
    this.newEvents = h(
      'button',
      { type: 'button', id: 'new-events', hidden: true, onclick: () => void this.refresh() },
      'New events: refresh',
    );
  }

  async start(): Promise<void> {
    const form = h(
      'form',
      {
        id: 'search-form',
        role: 'search',
        onsubmit: (e: Event) => {
          e.preventDefault();
          this.query = this.queryInput.value.trim() || '*';
          this.from = 0;
          // Keyboard-first: after a search the keys (j, k, x, …) work on the results at once.
          this.queryInput.blur();
          void this.remember(this.query);
          void this.refresh();
        },
      },
      h('label', { for: 'query' }, 'Query'),
      this.queryInput,
      this.historyList,
      h('label', { for: 'time-range' }, 'Time range'),
      this.rangeSelect,
      h(
        'span',
        { id: 'custom-range', hidden: true },
        h('label', { for: 'time-from' }, 'From'),
        this.customFromInput,
        h('label', { for: 'time-to' }, 'To'),
        this.customToInput,
      ),
      h('button', { type: 'submit', class: 'primary', id: 'search-button' }, 'Search'),
      h('label', { for: 'saved-searches' }, 'Saved searches'),
      this.savedSelect,
      h('button', { type: 'button', id: 'save-search', onclick: () => this.saveSearch() }, 'Save search'),
    );
    const header = h(
      'header',
      { class: 'top' },
      h('h1', null, 'Metron Alerts'),
      form,
      h(
        'div',
        { class: 'user' },
        h('span', { id: 'user-name', 'aria-label': 'Signed in as' }, this.user),
        h('button', { type: 'button', id: 'help-button', onclick: () => this.helpDialog.showModal() }, 'Keys (?)'),
        h('button', { type: 'button', id: 'logout', onclick: () => this.stop() }, 'Sign out'),
      ),
    );
    const actions = h(
      'div',
      { class: 'actions', role: 'toolbar', 'aria-label': 'Actions on selected alerts' },
      STATUSES.map((s) =>
        h('button', { type: 'button', id: `bulk-${s.toLowerCase()}`, onclick: () => this.setStatus(s) }, s),
      ),
      h('button', { type: 'button', id: 'create-meta', onclick: () => this.createMetaAlert() }, 'Create meta-alert'),
      h('button', { type: 'button', id: 'add-to-meta', onclick: () => this.addToMetaAlert() }, 'Add to meta-alert…'),
      h('button', { type: 'button', id: 'configure-columns', onclick: () => this.showColumns() }, 'Columns'),
      h(
        'label',
        { for: 'group-field', class: 'inline' },
        'Group by',
        h('input', {
          id: 'group-field',
          list: 'field-names',
          placeholder: 'field, Enter',
          onkeydown: (e: KeyboardEvent) => {
            const input = e.target as HTMLInputElement;
            if (e.key === 'Enter' && input.value.trim()) {
              e.preventDefault();
              this.addGroup(input.value.trim());
              input.value = '';
            }
          },
        }),
      ),
      h('datalist', { id: 'field-names' }),
      this.groupByEl,
    );
    render(
      this.root,
      header,
      h(
        'div',
        { class: 'layout' },
        this.facetsEl,
        h(
          'main',
          { id: 'alerts', 'aria-label': 'Alerts' },
          this.histogram.element,
          actions,
          h(
            'div',
            { class: 'summary-line' },
            this.summaryEl,
            h('label', { class: 'inline', for: 'live' }, this.liveBox, 'Live'),
            h('label', { class: 'inline', for: 'hide-snoozed' }, this.hideSnoozed, 'Hide snoozed'),
            this.newEvents,
            this.statusLine,
          ),
          this.resultsEl,
        ),
        this.details.element,
      ),
      this.helpDialog,
      this.columnsDialog,
    );
    document.addEventListener('keydown', this.keyHandler);
    await this.loadSettings();
    await this.refresh();
    void this.loadFieldNames();
    this.listen();
  }

  /** Live updates: the server pushes the store's size; a change refreshes (or offers to). */
  private listen(): void {
    this.events = new EventSource('/api/v1/alerts/ui/events');
    this.events.addEventListener('alerts', (e) => {
      const total = Number(JSON.parse((e as MessageEvent).data).total);
      // The first event may already count documents indexed after the first search: search again.
      const changed = total !== this.storeTotal;
      this.storeTotal = total;
      if (!changed) return;
      if (this.liveBox.checked) void this.refresh();
      else this.newEvents.hidden = false;
    });
  }

  private stop(): void {
    this.events?.close();
    this.events = null;
    document.removeEventListener('keydown', this.keyHandler);
    this.logout();
  }

  // ---- searching ----

  private timeRange(): [number | null, number | null] {
    if (this.rangeSelect.value === 'custom') return [this.customFrom, this.customTo];
    const length = RANGES[this.rangeIndex][1];
    return length === null ? [null, null] : [Date.now() - length, null];
  }

  private currentQuery(): string {
    const [fromMs, toMs] = this.timeRange();
    const query = effectiveQuery(this.query, fromMs, toMs);
    // A snoozed alert (snooze_until in the future) stays out of the way until it wakes.
    return this.hideSnoozed.checked ? without(query, `snooze_until:[${Date.now()} TO *]`) : query;
  }

  private request(): SearchRequest {
    return {
      indices: [],
      query: this.currentQuery(),
      from: this.from,
      size: this.size,
      sort: [this.sort],
      facetFields: this.facetFields,
    };
  }

  async refresh(): Promise<void> {
    this.resultsEl.setAttribute('aria-busy', 'true');
    try {
      await this.search();
    } finally {
      // Each answered search bumps data-version, so a test (or a script) can wait for it.
      this.resultsEl.dataset.version = String(++this.version);
      this.resultsEl.setAttribute('aria-busy', 'false');
    }
  }

  private async search(): Promise<void> {
    this.newEvents.hidden = true;
    if (document.activeElement !== this.queryInput) this.queryInput.value = this.query;
    const cursorGuid = this.response.results[this.cursor]?.id;
    render(this.groupByEl, this.groupBy.map((f) => this.groupChip(f)));
    try {
      if (this.groupBy.length > 0) {
        const [facets] = await Promise.all([
          api.search({ ...this.request(), size: 0 }),
          this.tree.show(this.resultsEl, this.currentQuery(), this.groupBy),
        ]);
        this.response = facets;
        this.summaryEl.textContent = `${facets.total} alerts in groups by ${this.groupBy.join(' › ')}`;
      } else {
        this.response = await api.search(this.request());
        // The cursor stays on its alert when new ones push it down the page.
        const same = this.response.results.findIndex((r) => r.id === cursorGuid);
        this.cursor = same >= 0 ? same : Math.min(this.cursor, Math.max(0, this.response.results.length - 1));
        this.renderTable();
      }
      this.renderFacets();
      const [fromMs, toMs] = this.timeRange();
      // The time range goes separately; a purely negative query needs its match-all part.
      void this.histogram.show(effectiveQuery(this.query, null, null), fromMs, toMs);
    } catch (err) {
      this.say(`Search failed: ${(err as Error).message}`, true);
    }
  }

  private zoom(fromMs: number, toMs: number): void {
    this.rangeSelect.value = 'custom';
    this.customFrom = Math.floor(fromMs);
    this.customTo = Math.ceil(toMs);
    this.customFromInput.value = toLocalInput(this.customFrom);
    this.customToInput.value = toLocalInput(this.customTo);
    byId('custom-range').hidden = false;
    this.from = 0;
    void this.refresh();
  }

  private onRangeChange(): void {
    const custom = this.rangeSelect.value === 'custom';
    byId('custom-range').hidden = !custom;
    if (custom) {
      this.readCustomRange();
      return;
    }
    this.rangeIndex = Number(this.rangeSelect.value);
    this.from = 0;
    void this.refresh();
  }

  private readCustomRange(): void {
    this.customFrom = this.customFromInput.value ? new Date(this.customFromInput.value).getTime() : null;
    this.customTo = this.customToInput.value ? new Date(this.customToInput.value).getTime() : null;
  }

  private pivot(field: string, value: string): void {
    this.query = withTerm('*', field, value);
    this.groupBy = [];
    this.rangeSelect.value = String(RANGES.length - 1);
    this.rangeIndex = RANGES.length - 1;
    byId('custom-range').hidden = true;
    this.from = 0;
    void this.remember(this.query);
    void this.refresh();
  }

  // ---- facets ----

  private renderFacets(): void {
    const sections = this.facetFields.map((field) => {
      const counts = this.response.facetCounts?.[field] ?? {};
      const entries = Object.entries(counts).slice(0, 10);
      return h(
        'section',
        { class: 'facet', 'aria-label': `Facet ${field}` },
        h('h2', null, field),
        entries.length === 0
          ? h('p', { class: 'muted' }, 'no values')
          : h(
              'ul',
              null,
              entries.map(([value, count]) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'facet-value', title: value }, value),
                  h('span', { class: 'count' }, String(count)),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'icon',
                      'aria-label': `Only ${field} ${value}`,
                      title: 'Include',
                      onclick: () => this.applyTerm(field, value, false),
                    },
                    '+',
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'icon',
                      'aria-label': `Exclude ${field} ${value}`,
                      title: 'Exclude',
                      onclick: () => this.applyTerm(field, value, true),
                    },
                    '−',
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'icon',
                      'aria-label': `Group by ${field}`,
                      title: 'Group by this field',
                      onclick: () => this.addGroup(field),
                    },
                    '⊞',
                  ),
                ),
              ),
            ),
      );
    });
    render(this.facetsEl, h('h2', { class: 'panel-title' }, 'Filters'), sections);
  }

  private applyTerm(field: string, value: string, exclude: boolean): void {
    this.query = withTerm(this.query, field, value, exclude);
    this.from = 0;
    void this.remember(this.query);
    void this.refresh();
  }

  private addGroup(field: string): void {
    if (!this.groupBy.includes(field)) this.groupBy.push(field);
    void this.refresh();
  }

  private groupChip(field: string): HTMLElement {
    return h(
      'span',
      { class: 'chip' },
      field,
      h(
        'button',
        {
          type: 'button',
          class: 'icon',
          'aria-label': `Stop grouping by ${field}`,
          onclick: () => {
            this.groupBy = this.groupBy.filter((f) => f !== field);
            void this.refresh();
          },
        },
        '×',
      ),
    );
  }

  // ---- table ----

  private renderTable(): void {
    const results = this.response.results;
    const allSelected = results.length > 0 && results.every((r) => this.selected.has(r.id));
    const head = h(
      'tr',
      null,
      h(
        'th',
        { scope: 'col' },
        h('input', {
          type: 'checkbox',
          id: 'select-all',
          'aria-label': 'Select all alerts on this page',
          checked: allSelected,
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            for (const r of results) {
              if (on) this.selected.set(r.id, r);
              else this.selected.delete(r.id);
            }
            this.renderTable();
          },
        }),
      ),
      this.columns.map((c) => {
        const sorted = this.sort.field === c;
        return h(
          'th',
          { scope: 'col', 'aria-sort': sorted ? (this.sort.sortOrder === 'asc' ? 'ascending' : 'descending') : 'none' },
          h(
            'button',
            {
              type: 'button',
              class: 'sort',
              onclick: () => {
                this.sort =
                  sorted && this.sort.sortOrder === 'desc'
                    ? { field: c, sortOrder: 'asc' }
                    : { field: c, sortOrder: 'desc' };
                void this.refresh();
              },
            },
            c === SCORE_FIELD ? 'Score' : c,
            sorted ? (this.sort.sortOrder === 'asc' ? ' ▲' : ' ▼') : '',
          ),
        );
      }),
    );
    const rows = results.map((r, i) => {
      const isMeta = r.source['source.type'] === 'metaalert';
      return h(
        'tr',
        {
          class: `${i === this.cursor ? 'cursor' : ''} ${this.selected.has(r.id) ? 'selected' : ''} ${isMeta ? 'meta' : ''}`,
          'data-guid': r.id,
          'aria-selected': this.selected.has(r.id) ? 'true' : 'false',
          onclick: (e: Event) => {
            if ((e.target as HTMLElement).closest('input,button')) return;
            this.cursor = i;
            this.details.show(r);
            this.renderTable();
          },
        },
        h(
          'td',
          null,
          h('input', {
            type: 'checkbox',
            class: 'select',
            'aria-label': `Select alert ${r.id}`,
            checked: this.selected.has(r.id),
            onchange: () => this.toggle(r),
          }),
        ),
        this.columns.map((c) => {
          const value = r.source[c];
          if (c === SCORE_FIELD) {
            return h('td', null, h('span', { class: `score ${scoreClass(value)}` }, formatValue(c, value)));
          }
          const text = formatValue(c, value);
          return h(
            'td',
            { title: text },
            c === 'source.type' && isMeta
              ? `metaalert (${Array.isArray(r.source['metron_alert']) ? r.source['metron_alert'].length : 0})`
              : text,
          );
        }),
      );
    });
    const pages = Math.max(1, Math.ceil(this.response.total / this.size));
    const page = Math.floor(this.from / this.size) + 1;
    render(
      this.resultsEl,
      h(
        'table',
        { id: 'alerts-table', 'aria-label': 'Alerts', 'aria-rowcount': String(this.response.total) },
        h('thead', null, head),
        h('tbody', null, rows),
      ),
      results.length === 0 ? h('p', { class: 'empty' }, 'No alerts match this query and time range.') : null,
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', id: 'prev-page', disabled: this.from === 0, onclick: () => this.page(-1) }, '‹ Previous'),
        h('span', { id: 'page' }, `Page ${page} of ${pages}`),
        h('button', { type: 'button', id: 'next-page', disabled: page >= pages, onclick: () => this.page(1) }, 'Next ›'),
        h('label', { for: 'page-size' }, 'Per page'),
        h(
          'select',
          {
            id: 'page-size',
            onchange: (e: Event) => {
              this.size = Number((e.target as HTMLSelectElement).value);
              this.from = 0;
              void this.refresh();
            },
          },
          [10, 25, 50, 100].map((n) => h('option', { value: String(n), selected: n === this.size }, String(n))),
        ),
      ),
    );
    this.summaryEl.textContent = `${this.response.total} ${this.response.total === 1 ? 'alert' : 'alerts'}` + (this.selected.size ? `, ${this.selected.size} selected` : '');
  }

  private page(delta: number): void {
    this.from = Math.max(0, this.from + delta * this.size);
    void this.refresh();
  }

  private toggle(r: SearchResult): void {
    if (this.selected.has(r.id)) this.selected.delete(r.id);
    else this.selected.set(r.id, r);
    this.renderTable();
  }

  /** The alerts an action applies to: the selection, else the row under the cursor. */
  private targets(): SearchResult[] {
    if (this.selected.size > 0) return [...this.selected.values()];
    const r = this.response.results[this.cursor];
    return r && this.groupBy.length === 0 ? [r] : [];
  }

  // ---- actions ----

  private async setStatus(status: Status): Promise<void> {
    const targets = this.targets();
    if (targets.length === 0) {
      this.say('Select alerts first (x selects the row under the cursor).', true);
      return;
    }
    try {
      await setAlertStatus(targets.map((t) => t.source), status);
      this.say(`${targets.length} alert${targets.length > 1 ? 's' : ''} set to ${status}.`);
      this.selected.clear();
      await this.refresh();
      this.details.reload();
    } catch (err) {
      this.say(`Cannot set ${status}: ${(err as Error).message}`, true);
    }
  }

  private async createMetaAlert(): Promise<void> {
    const targets = this.targets();
    if (targets.length < 1) {
      this.say('Select the alerts to put into a meta-alert first.', true);
      return;
    }
    try {
      const meta = await api.createMetaAlert(targets.map((t) => refOf(t.source)), []);
      this.say(`Meta-alert ${String(meta?.guid ?? '')} created from ${targets.length} alerts.`);
      this.selected.clear();
      await this.refresh();
    } catch (err) {
      this.say(`Cannot create a meta-alert: ${(err as Error).message}`, true);
    }
  }

  /** Lists the active meta-alerts and adds the selection to the one chosen. */
  private async addToMetaAlert(): Promise<void> {
    const targets = this.targets().filter((t) => t.source['source.type'] !== 'metaalert');
    if (targets.length === 0) {
      this.say('Select the alerts to add first.', true);
      return;
    }
    let metas: SearchResult[];
    try {
      metas = (
        await api.search({
          indices: [],
          query: 'source.type:metaalert',
          from: 0,
          size: 50,
          sort: [{ field: 'timestamp', sortOrder: 'desc' }],
          facetFields: [],
        })
      ).results;
    } catch (err) {
      this.say(`Cannot list meta-alerts: ${(err as Error).message}`, true);
      return;
    }
    if (metas.length === 0) {
      this.say('There is no active meta-alert; create one from the selection.', true);
      return;
    }
    render(
      this.columnsDialog,
      h('h2', { id: 'columns-title' }, `Add ${targets.length} alert${targets.length > 1 ? 's' : ''} to a meta-alert`),
      h(
        'ul',
        { class: 'meta-choices' },
        metas.map((m) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                onclick: async () => {
                  this.columnsDialog.close();
                  try {
                    await api.addToMetaAlert(m.id, targets.map((t) => refOf(t.source)));
                    this.say(`${targets.length} alerts added to meta-alert ${m.id}.`);
                    this.selected.clear();
                    await this.refresh();
                  } catch (err) {
                    this.say(`Cannot add to the meta-alert: ${(err as Error).message}`, true);
                  }
                },
              },
              `${m.source['name'] ? `${String(m.source['name'])}: ` : ''}${formatValue('timestamp', m.source['timestamp'])} — ${Array.isArray(m.source['metron_alert']) ? m.source['metron_alert'].length : 0} alerts, score ${formatValue(SCORE_FIELD, m.source[SCORE_FIELD])} (${m.id})`,
            ),
          ),
        ),
      ),
      h('div', { class: 'dialog-buttons' }, h('button', { type: 'button', onclick: () => this.columnsDialog.close() }, 'Cancel')),
    );
    this.columnsDialog.showModal();
  }

  // ---- settings: columns, saved and recent searches (kept on the server per user) ----

  private async loadSettings(): Promise<void> {
    try {
      this.settings = (await api.settings()) ?? {};
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        this.say(`Cannot load your settings: ${(err as Error).message}`, true);
      }
      this.settings = {};
    }
    try {
      this.shared = (await api.sharedSearches()).filter((s) => s.user !== this.user);
    } catch {
      this.shared = [];
    }
    if (this.settings.tableColumns?.length) this.columns = [...this.settings.tableColumns];
    if (this.settings.facetFields?.length) this.facetFields = [...this.settings.facetFields];
    this.renderSaved();
  }

  private async storeSettings(): Promise<void> {
    try {
      await api.saveSettings({ ...this.settings, user: this.user });
    } catch (err) {
      this.say(`Cannot save your settings: ${(err as Error).message}`, true);
    }
  }

  private renderSaved(): void {
    const saved = this.settings.savedSearches ?? [];
    render(
      this.savedSelect,
      h('option', { value: '' }, saved.length || this.shared.length ? 'Load a saved search…' : 'No saved searches'),
      saved.length ? h('optgroup', { label: 'Mine' }, saved.map((s, i) => h('option', { value: `own:${i}` }, s.shared ? `${s.name} (shared)` : s.name))) : null,
      this.shared.length
        ? h('optgroup', { label: 'Shared by others' }, this.shared.map((s, i) => h('option', { value: `shared:${i}` }, `${s.name} — ${s.user}`)))
        : null,
    );
    render(
      this.historyList,
      (this.settings.recentSearches ?? []).map((q) => h('option', { value: q })),
    );
  }

  private async remember(query: string): Promise<void> {
    if (query === '*') return;
    const recent = (this.settings.recentSearches ?? []).filter((q) => q !== query);
    this.settings.recentSearches = [query, ...recent].slice(0, RECENT_LIMIT);
    this.renderSaved();
    await this.storeSettings();
  }

  private async saveSearch(): Promise<void> {
    const name = window.prompt('Name of the saved search', this.query);
    if (!name) return;
    const share = window.confirm('Share this search with every user?');
    const saved = (this.settings.savedSearches ?? []).filter((s) => s.name !== name);
    saved.push({ name, searchRequest: { ...this.request(), query: this.query, from: 0 }, shared: share });
    this.settings.savedSearches = saved;
    this.renderSaved();
    await this.storeSettings();
    this.say(`Saved search “${name}”.`);
  }

  private loadSaved(): void {
    const [kind, index] = this.savedSelect.value.split(':');
    const list = kind === 'shared' ? this.shared : (this.settings.savedSearches ?? []);
    const chosen = list[Number(index)];
    this.savedSelect.value = '';
    if (!chosen) return;
    const s = chosen.searchRequest;
    this.query = s.query || '*';
    if (s.sort?.[0]) this.sort = s.sort[0];
    if (s.size) this.size = s.size;
    this.from = 0;
    void this.refresh();
  }

  private async loadFieldNames(): Promise<string[]> {
    try {
      const columns = await api.columnMetadata([]);
      const names = Object.keys(columns ?? {}).sort();
      render(byId('field-names'), names.map((n) => h('option', { value: n })));
      return names;
    } catch {
      return [...new Set([...this.columns, ...this.facetFields])];
    }
  }

  private async showColumns(): Promise<void> {
    const known = await this.loadFieldNames();
    const chosen = [...this.columns];
    const others = known.filter((f) => !chosen.includes(f));
    const list = h('ol', { id: 'column-list' });
    const draw = () =>
      render(
        list,
        chosen.map((c, i) =>
          h(
            'li',
            null,
            h('span', null, c),
            h('button', { type: 'button', class: 'icon', 'aria-label': `Move ${c} up`, disabled: i === 0, onclick: () => move(i, -1) }, '↑'),
            h('button', { type: 'button', class: 'icon', 'aria-label': `Move ${c} down`, disabled: i === chosen.length - 1, onclick: () => move(i, 1) }, '↓'),
            h('button', { type: 'button', class: 'icon', 'aria-label': `Remove column ${c}`, onclick: () => { chosen.splice(i, 1); draw(); } }, '×'),
          ),
        ),
      );
    const move = (i: number, d: number) => {
      [chosen[i], chosen[i + d]] = [chosen[i + d], chosen[i]];
      draw();
    };
    const add = h('input', { id: 'add-column', list: 'all-columns' });
    draw();
    render(
      this.columnsDialog,
      h('h2', { id: 'columns-title' }, 'Table columns'),
      list,
      h('label', { for: 'add-column' }, 'Add a column'),
      add,
      h('datalist', { id: 'all-columns' }, others.map((o) => h('option', { value: o }))),
      h('button', { type: 'button', id: 'add-column-button', onclick: () => { if (add.value && !chosen.includes(add.value)) { chosen.push(add.value); add.value = ''; draw(); } } }, 'Add'),
      h(
        'div',
        { class: 'dialog-buttons' },
        h('button', { type: 'button', onclick: () => this.columnsDialog.close() }, 'Cancel'),
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'save-columns',
            onclick: async () => {
              this.columns = chosen.length ? chosen : [...DEFAULT_COLUMNS];
              this.settings.tableColumns = this.columns;
              this.columnsDialog.close();
              await this.storeSettings();
              this.renderTable();
            },
          },
          'Save columns',
        ),
      ),
    );
    this.columnsDialog.showModal();
    add.focus();
  }

  // ---- keyboard ----

  private buildHelp(): HTMLDialogElement {
    const keys: [string, string][] = [
      ['j / k', 'next / previous alert'],
      ['x', 'select or unselect the alert under the cursor'],
      ['o or Enter', 'open the alert’s details'],
      ['e', 'escalate the selected alerts (or the one under the cursor)'],
      ['r', 'resolve'],
      ['d', 'dismiss'],
      ['n', 'open (status OPEN)'],
      ['m', 'create a meta-alert from the selection'],
      ['/', 'search: focus the query bar'],
      ['[ / ]', 'previous / next page'],
      ['Esc', 'close the details panel or this help'],
      ['?', 'this help'],
    ];
    return h(
      'dialog',
      { id: 'help', 'aria-labelledby': 'help-title' },
      h('h2', { id: 'help-title' }, 'Keyboard shortcuts'),
      h('dl', { class: 'keys' }, keys.map(([k, d]) => [h('dt', null, h('kbd', null, k)), h('dd', null, d)])),
      h('button', { type: 'button', onclick: () => this.helpDialog.close() }, 'Close'),
    );
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.root.isConnected || !document.getElementById('alerts')) {
      document.removeEventListener('keydown', this.keyHandler);
      return;
    }
    const target = e.target as HTMLElement;
    if (e.key === 'Escape') {
      if (target === this.queryInput) this.queryInput.blur();
      this.details.hide();
      return;
    }
    if (target.closest('input, textarea, select, dialog[open]') || e.ctrlKey || e.metaKey || e.altKey) return;
    const rows = this.response.results.length;
    const handled = (() => {
      switch (e.key) {
        case 'j':
          this.cursor = Math.min(rows - 1, this.cursor + 1);
          this.renderTable();
          this.scrollToCursor();
          return true;
        case 'k':
          this.cursor = Math.max(0, this.cursor - 1);
          this.renderTable();
          this.scrollToCursor();
          return true;
        case 'x': {
          const r = this.response.results[this.cursor];
          if (r) this.toggle(r);
          return true;
        }
        case 'o':
        case 'Enter': {
          const r = this.response.results[this.cursor];
          if (r) this.details.show(r);
          return true;
        }
        case 'e':
          void this.setStatus('ESCALATE');
          return true;
        case 'r':
          void this.setStatus('RESOLVE');
          return true;
        case 'd':
          void this.setStatus('DISMISS');
          return true;
        case 'n':
          void this.setStatus('OPEN');
          return true;
        case 'm':
          void this.createMetaAlert();
          return true;
        case '/':
          this.queryInput.focus();
          this.queryInput.select();
          return true;
        case ']':
          if (this.from + this.size < this.response.total) this.page(1);
          return true;
        case '[':
          if (this.from > 0) this.page(-1);
          return true;
        case '?':
          this.helpDialog.showModal();
          return true;
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  }

  private scrollToCursor(): void {
    this.resultsEl.querySelector('tr.cursor')?.scrollIntoView({ block: 'nearest' });
  }

  private say(message: string, error = false): void {
    this.statusLine.textContent = message;
    this.statusLine.className = error ? 'error' : '';
  }
}


function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}
