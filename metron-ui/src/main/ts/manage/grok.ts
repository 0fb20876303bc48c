// The Grok pattern editor: a statement (pattern definitions, one NAME definition a line), the
// pattern to match and sample lines; every change matches each line on the server (Metron's
// /grok/validate) and shows its captures or why it did not match.
import { h, render } from '../dom';
import { manageApi } from './manage-api';
import type { Page } from './area';

const BUILT_IN = ['common', 'asa', 'squid', 'websphere', 'yaf'];

export class GrokView implements Page {
  readonly element: HTMLElement;
  private readonly statement = h('textarea', { id: 'grok-statement', rows: 6, spellcheck: 'false' });
  private readonly label = h('input', { id: 'grok-label', placeholder: 'the last definition' });
  private readonly samples = h('textarea', { id: 'grok-samples', rows: 4, spellcheck: 'false' });
  private readonly out = h('div', { id: 'grok-results', 'aria-live': 'polite' });
  private timer: number | undefined;
  private runs = 0;

  constructor() {
    const changed = () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.match(), 250);
    };
    for (const el of [this.statement, this.label, this.samples]) el.addEventListener('input', changed);
    this.statement.value = 'WEBLOG %{IPORHOST:ip_src_addr} %{WORD:method} %{URIPATH:uri} %{NUMBER:status:int}';
    this.samples.value = '10.0.0.1 GET /index.html 200';
    const builtIn = h(
      'select',
      {
        id: 'grok-builtin',
        onchange: async () => {
          if (!builtIn.value) return;
          this.statement.value = await manageApi.grokStatement(`/patterns/${builtIn.value}`);
          changed();
        },
      },
      h('option', { value: '' }, 'Open a built-in pattern file…'),
      BUILT_IN.map((b) => h('option', { value: b }, b)),
    );
    this.element = h(
      'section',
      { id: 'grok', 'aria-label': 'Grok patterns' },
      h('h2', null, 'Grok'),
      h('div', { class: 'actions' }, builtIn),
      h('label', { for: 'grok-statement' }, 'Statement'),
      this.statement,
      h('label', { for: 'grok-label' }, 'Pattern to match'),
      this.label,
      h('label', { for: 'grok-samples' }, 'Sample lines'),
      this.samples,
      this.out,
    );
    changed();
  }

  private async match(): Promise<void> {
    const n = ++this.runs;
    const lines = this.samples.value.split('\n').filter((l) => l.trim()).slice(0, 20);
    const views = await Promise.all(
      lines.map(async (line, i) => {
        try {
          const r = await manageApi.grokValidate({
            statement: this.statement.value,
            patternLabel: this.label.value.trim() || null,
            sampleData: line,
          });
          const results = r.results ?? {};
          const error = results['error'];
          return h(
            'article',
            { class: `grok-line ${error ? 'nomatch' : 'match'}`, 'data-line': i + 1 },
            h('code', { class: 'raw-line' }, line),
            error
              ? h('p', { class: 'error' }, String(error))
              : h(
                  'table',
                  { class: 'grid fields' },
                  h('tbody', null, Object.entries(results).map(([k, v]) => h('tr', { 'data-field': k }, h('th', null, k), h('td', null, JSON.stringify(v))))),
                ),
          );
        } catch (e) {
          return h('article', { class: 'grok-line nomatch', 'data-line': i + 1 }, h('code', null, line), h('p', { class: 'error' }, (e as Error).message));
        }
      }),
    );
    if (n === this.runs) render(this.out, views);
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }
}
