// The live parser test bench: sample lines (pasted, or the last N records of the sensor's topic)
// run through the edited, unsaved configs and the saved ones on the server, shown per line with
// the output fields, errors with their reasons, the triage score and a per-field diff.
import { h, render } from '../dom';
import { manageApi, type Doc, type LineResult, type Output, type TestResult } from './manage-api';

/** Fields that differ on every run whatever the config: left out of the diff. */
const VOLATILE = new Set(['guid']);
const SCORE = 'threat.triage.score';

/** Lines the saved configs turned into a message and the edited ones do not. */
export function regressions(result: TestResult): number {
  return result.results.filter((r) => parsedOk(r.saved) && !parsedOk(r.edited)).length;
}

function parsedOk(outputs: Output[] | null): boolean {
  return !!outputs && outputs.some((o) => o.kind === 'message') && !outputs.some((o) => o.kind === 'error');
}

function show(v: unknown): string {
  return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

export class TestBench {
  readonly element: HTMLElement;
  readonly lines: HTMLTextAreaElement;
  private readonly count: HTMLInputElement;
  private readonly out = h('div', { id: 'bench-results', 'aria-live': 'polite' });
  private readonly status = h('p', { id: 'bench-status', role: 'status' });
  /** The last answer, with the configs it was run on (as JSON text). */
  last: { result: TestResult; configs: string } | null = null;

  constructor(
    private readonly sensor: () => string,
    private readonly topic: () => string,
    private readonly configs: () => { parser: Doc; enrichment: Doc | undefined } | null,
  ) {
    this.lines = h('textarea', {
      id: 'bench-lines',
      rows: 5,
      spellcheck: 'false',
      placeholder: 'One raw record per line',
      'aria-label': 'Sample lines',
    });
    this.count = h('input', { id: 'bench-count', type: 'number', min: 1, max: 100, value: 5, 'aria-label': 'How many' });
    this.element = h(
      'section',
      { class: 'bench', id: 'bench', 'aria-label': 'Test bench' },
      h('h3', null, 'Test on sample lines'),
      this.lines,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'bench-run', class: 'primary', onclick: () => void this.run() }, 'Test'),
        h('span', null, 'or take the last'),
        this.count,
        h('button', { type: 'button', id: 'bench-sample', onclick: () => void this.sample() }, 'records of the topic'),
      ),
      this.status,
      this.out,
    );
  }

  private async sample(): Promise<void> {
    this.status.textContent = 'Reading the topic…';
    try {
      const lines = await manageApi.samples(this.topic(), Math.max(1, Math.min(100, Number(this.count.value) || 5)));
      this.lines.value = lines.join('\n');
      this.status.textContent = `${lines.length} records from ${this.topic()}.`;
      await this.run();
    } catch (e) {
      this.status.textContent = `Cannot sample ${this.topic()}: ${(e as Error).message}`;
    }
  }

  sampleLines(): string[] {
    return this.lines.value.split('\n').filter((l) => l.trim() !== '');
  }

  /** Runs the test on the current configs; the answer, or null when there is nothing to run. */
  async run(): Promise<TestResult | null> {
    const configs = this.configs();
    const lines = this.sampleLines();
    if (!configs) {
      this.status.textContent = 'Fix the JSON first.';
      return null;
    }
    if (!lines.length) {
      this.status.textContent = 'Paste sample lines or take them from the topic.';
      return null;
    }
    this.status.textContent = 'Testing…';
    try {
      const result = await manageApi.test(this.sensor(), configs.parser, configs.enrichment, lines.slice(0, 100));
      this.last = { result, configs: JSON.stringify(configs) };
      this.showResult(result);
      return result;
    } catch (e) {
      this.status.textContent = `The test failed: ${(e as Error).message}`;
      return null;
    }
  }

  /** Whether the last test ran on exactly these configs. */
  isCurrent(): boolean {
    return !!this.last && this.last.configs === JSON.stringify(this.configs());
  }

  private showResult(result: TestResult): void {
    const errors = result.problems.filter((p) => p.level === 'error');
    if (errors.length) {
      this.status.textContent = `The edited configs have ${errors.length} problem(s); fix them to test.`;
      render(this.out);
      return;
    }
    const ok = result.results.filter((r) => parsedOk(r.edited)).length;
    const savedOk = result.results.filter((r) => parsedOk(r.saved)).length;
    const worse = regressions(result);
    this.status.textContent =
      `${result.results.length} lines: ${ok} parsed with the edited configs` +
      (result.saved ? `, ${savedOk} with the saved ones` : ' (no saved configs to compare)') +
      (worse ? `; ${worse} line(s) the saved configs parsed now fail` : '') +
      '.';
    this.element.dataset.ok = String(ok);
    this.element.dataset.regressions = String(worse);
    render(this.out, result.results.map((r, i) => this.lineView(r, i, result.saved)));
  }

  private lineView(r: LineResult, i: number, compare: boolean): HTMLElement {
    const edited = r.edited.find((o) => o.kind === 'message');
    const saved = r.saved?.find((o) => o.kind === 'message');
    const errors = r.edited.filter((o) => o.kind === 'error');
    const filtered = r.edited.some((o) => o.kind === 'filtered');
    const state = errors.length ? 'error' : edited ? 'parsed' : filtered ? 'filtered' : 'nothing';
    const score = edited?.fields[SCORE];
    const names = [...new Set([...Object.keys(edited?.fields ?? {}), ...(compare ? Object.keys(saved?.fields ?? {}) : [])])]
      .filter((n) => n !== 'original_string')
      .sort();
    const rows = names.map((n) => {
      const a = show(saved?.fields[n]);
      const b = show(edited?.fields[n]);
      const change =
        !compare || VOLATILE.has(n) || a === b ? '' : saved && !(n in saved.fields) ? 'added' : edited && !(n in edited.fields) ? 'removed' : 'changed';
      return h(
        'tr',
        { class: change, 'data-field': n },
        h('th', { scope: 'row' }, n),
        compare ? h('td', { class: 'saved' }, a) : null,
        h('td', null, b),
        compare ? h('td', { class: 'change' }, change) : null,
      );
    });
    return h(
      'article',
      { class: `bench-line ${state}`, 'data-line': i + 1, 'data-state': state },
      h(
        'header',
        null,
        h('span', { class: 'line-state' }, state),
        score !== undefined ? h('span', { class: 'score', 'data-score': show(score) }, `score ${show(score)}`) : null,
        edited?.fields['is_alert'] === 'true' || edited?.fields['is_alert'] === true ? h('span', { class: 'alert-flag' }, 'alert') : null,
        h('code', { class: 'raw-line' }, r.line),
      ),
      errors.map((e) =>
        h('p', { class: 'error bench-error' }, `${show(e.fields['error_type'])}: ${show(e.fields['message'])}`),
      ),
      rows.length
        ? h(
            'table',
            { class: 'grid fields' },
            h('thead', null, h('tr', null, h('th', null, 'Field'), compare ? h('th', null, 'Saved') : null, h('th', null, 'Edited'), compare ? h('th', null, '') : null)),
            h('tbody', null, rows),
          )
        : null,
    );
  }
}
