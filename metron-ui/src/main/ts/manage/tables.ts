// Enrichment and threat-intel tables: upload a CSV (or STIX) file with an extractor config, follow
// the load's progress, then browse a type's rows by indicator prefix.
import { h, render } from '../dom';
import { manageApi, type LoadJob } from './manage-api';
import type { Page } from './area';

const EXAMPLE = {
  config: { columns: { ip: 0, source: 1 }, indicator_column: 'ip', type: 'malicious_ip', separator: ',' },
  extractor: 'CSV',
};

export class TablesView implements Page {
  readonly element: HTMLElement;
  private readonly file = h('input', { id: 'table-file', type: 'file', accept: '.csv,.txt,.xml,.json' });
  private readonly extractor = h('textarea', { id: 'table-extractor', rows: 8, spellcheck: 'false' });
  private readonly progress = h('progress', { id: 'table-progress', max: 1, value: 0 });
  private readonly status = h('p', { id: 'table-status', role: 'status' });
  private readonly type = h('input', { id: 'browse-type', value: 'malicious_ip' });
  private readonly indicator = h('input', { id: 'browse-indicator', placeholder: 'starts with…' });
  private readonly rows = h('tbody');
  private timer: number | undefined;

  constructor(admin: boolean) {
    this.extractor.value = JSON.stringify(EXAMPLE, null, 2);
    this.element = h(
      'section',
      { id: 'tables', 'aria-label': 'Enrichment tables' },
      h('h2', null, 'Load a table'),
      h(
        'form',
        {
          id: 'table-load',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.load();
          },
        },
        h('label', { for: 'table-file' }, 'CSV or STIX file'),
        this.file,
        h('label', { for: 'table-extractor' }, 'Extractor config (as for metron load flatfile -e)'),
        this.extractor,
        h('button', { type: 'submit', class: 'primary', id: 'table-load-button', disabled: !admin }, 'Load'),
        this.progress,
        this.status,
      ),
      h('h2', null, 'Browse'),
      h(
        'form',
        {
          class: 'actions',
          id: 'table-browse',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void this.browse();
          },
        },
        h('label', { for: 'browse-type' }, 'Type'),
        this.type,
        h('label', { for: 'browse-indicator' }, 'Indicator'),
        this.indicator,
        h('button', { type: 'submit', id: 'browse-button' }, 'Search'),
      ),
      h(
        'table',
        { id: 'table-rows', class: 'grid' },
        h('thead', null, h('tr', null, h('th', null, 'Indicator'), h('th', null, 'Value'))),
        this.rows,
      ),
    );
  }

  private async load(): Promise<void> {
    const f = this.file.files?.[0];
    if (!f) {
      this.status.textContent = 'Choose a file.';
      return;
    }
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(this.extractor.value);
    } catch (e) {
      this.status.textContent = `The extractor config is not JSON: ${(e as Error).message}`;
      return;
    }
    try {
      const job = await manageApi.loadTable(config, await f.text(), f.name);
      this.follow(job);
    } catch (e) {
      this.status.textContent = `Not loaded: ${(e as Error).message}`;
    }
  }

  private follow(job: LoadJob): void {
    this.progress.value = job.fraction;
    this.status.textContent =
      job.status === 'RUNNING'
        ? `Loading ${job.name}: ${job.rows} rows…`
        : job.status === 'SUCCEEDED'
          ? `Loaded ${job.rows} rows from ${job.lines} lines of ${job.name}` + (job.badRows ? `; ${job.badRows} bad rows: ${job.badRowSamples.join('; ')}` : '.')
          : `The load failed: ${job.message}`;
    this.element.dataset.load = job.status;
    if (job.status === 'RUNNING') {
      this.timer = window.setTimeout(async () => {
        try {
          this.follow(await manageApi.loadJob(job.jobId));
        } catch (e) {
          this.status.textContent = `Lost the load: ${(e as Error).message}`;
        }
      }, 300);
    } else {
      this.progress.value = 1;
      void this.browse();
    }
  }

  private async browse(): Promise<void> {
    try {
      const rows = await manageApi.rows(this.type.value.trim(), this.indicator.value.trim());
      render(
        this.rows,
        rows.length
          ? rows.map((r) => h('tr', { 'data-indicator': r.indicator }, h('td', null, r.indicator), h('td', null, h('code', null, JSON.stringify(r.value)))))
          : h('tr', null, h('td', { colspan: 2, class: 'muted' }, 'No rows.')),
      );
    } catch (e) {
      render(this.rows, h('tr', null, h('td', { colspan: 2, class: 'error' }, (e as Error).message)));
    }
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }
}
