// The Stellar editor: an expression with completion of function names and the chosen function's
// documentation (from the server's function registry), checked as you type and evaluated against
// a sample message (a sensor's latest indexed message, or JSON you give).
import { h, render } from '../dom';
import { manageApi, type FunctionDescription } from './manage-api';
import type { Page } from './area';

/** The config that runs an expression: one STELLAR field transformation writing `result`. */
function evaluator(expression: string): Record<string, unknown> {
  return {
    parserClassName: 'org.apache.metron.parsers.json.JSONMapParser',
    sensorTopic: 'stellar_editor',
    fieldTransformations: [{ transformation: 'STELLAR', output: ['result'], config: { result: expression } }],
  };
}

export class StellarView implements Page {
  readonly element: HTMLElement;
  private functions: FunctionDescription[] = [];
  private readonly expr = h('textarea', { id: 'stellar-expression', rows: 3, spellcheck: 'false', 'aria-autocomplete': 'list', 'aria-controls': 'stellar-completions' });
  private readonly completions = h('ul', { id: 'stellar-completions', class: 'completions', role: 'listbox' });
  private readonly docs = h('div', { id: 'stellar-docs', class: 'docs', 'aria-live': 'polite' });
  private readonly valid = h('p', { id: 'stellar-valid', role: 'status' });
  private readonly sensor = h('input', { id: 'stellar-sensor', value: 'bro' });
  private readonly sample = h('textarea', { id: 'stellar-sample', rows: 8, spellcheck: 'false' });
  private readonly result = h('pre', { id: 'stellar-result' });
  private timer: number | undefined;
  private checks = 0;

  constructor() {
    this.expr.addEventListener('input', () => this.typed());
    this.expr.addEventListener('click', () => this.typed());
    this.expr.addEventListener('keydown', (e) => {
      const first = this.completions.querySelector('button');
      if ((e.key === 'Tab' || e.key === 'Enter') && first && !e.shiftKey) {
        e.preventDefault();
        (first as HTMLButtonElement).click();
      }
    });
    this.sample.value = '{"ip_src_addr": "10.0.0.1", "ip_dst_addr": "8.8.8.8"}';
    this.element = h(
      'section',
      { id: 'stellar', 'aria-label': 'Stellar editor' },
      h('h2', null, 'Stellar'),
      h('label', { for: 'stellar-expression' }, 'Expression'),
      this.expr,
      this.completions,
      this.valid,
      this.docs,
      h(
        'div',
        { class: 'actions' },
        h('label', { for: 'stellar-sensor' }, 'Sample: latest message of sensor'),
        this.sensor,
        h('button', { type: 'button', id: 'stellar-latest', onclick: () => void this.latest() }, 'Take it'),
      ),
      h('label', { for: 'stellar-sample' }, 'Sample message (JSON)'),
      this.sample,
      h('button', { type: 'button', id: 'stellar-run', class: 'primary', onclick: () => void this.evaluate() }, 'Evaluate'),
      h('h3', null, 'Result'),
      this.result,
    );
    void manageApi.functions().then((f) => (this.functions = f));
  }

  /** The identifier being typed before the cursor, and where it starts. */
  private word(): { start: number; text: string } {
    const upto = this.expr.value.slice(0, this.expr.selectionStart ?? this.expr.value.length);
    const m = /[A-Za-z_][A-Za-z0-9_]*$/.exec(upto);
    return m ? { start: m.index, text: m[0] } : { start: upto.length, text: '' };
  }

  private typed(): void {
    const w = this.word();
    const prefix = w.text.toUpperCase();
    const matches = prefix ? this.functions.filter((f) => f.name.startsWith(prefix)).slice(0, 12) : [];
    render(
      this.completions,
      matches.map((f) =>
        h(
          'li',
          { role: 'option' },
          h('button', { type: 'button', class: 'link', 'data-function': f.name, onclick: () => this.complete(f, w.start) }, f.name),
        ),
      ),
    );
    // The docs follow the function the cursor is in: the nearest NAME( before it.
    const before = this.expr.value.slice(0, this.expr.selectionStart ?? 0);
    const call = /([A-Z_][A-Z0-9_]*)\s*\([^()]*$/.exec(before);
    const f = this.functions.find((x) => x.name === (matches.length === 1 ? matches[0].name : call?.[1]));
    if (f) this.showDocs(f);
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.check(), 250);
  }

  private complete(f: FunctionDescription, start: number): void {
    const end = this.expr.selectionStart ?? this.expr.value.length;
    const v = this.expr.value;
    this.expr.value = v.slice(0, start) + f.name + '(' + v.slice(end);
    const at = start + f.name.length + 1;
    this.expr.setSelectionRange(at, at);
    this.expr.focus();
    render(this.completions);
    this.showDocs(f);
    void this.check();
  }

  private showDocs(f: FunctionDescription): void {
    render(
      this.docs,
      h('h3', { id: 'stellar-doc-name' }, f.name),
      h('p', null, f.description),
      f.params.length ? h('ul', null, f.params.map((p) => h('li', null, h('code', null, p)))) : null,
      h('p', null, h('strong', null, 'Returns: '), f.returns),
    );
  }

  private async check(): Promise<void> {
    const e = this.expr.value.trim();
    if (!e) {
      this.valid.textContent = '';
      return;
    }
    const n = ++this.checks;
    const answer = await manageApi.validateRules([e]);
    if (n !== this.checks) return; // a later check is under way
    this.valid.textContent = answer[e] ? 'The expression compiles.' : 'The expression does not compile (yet).';
    this.valid.className = answer[e] ? 'ok' : 'error';
    this.valid.dataset.valid = String(answer[e]);
  }

  private async latest(): Promise<void> {
    try {
      const m = await manageApi.latestMessage(this.sensor.value.trim());
      this.sample.value = m ? JSON.stringify(m, null, 2) : '{}';
      if (!m) this.result.textContent = `No indexed message of ${this.sensor.value} yet.`;
    } catch (e) {
      this.result.textContent = (e as Error).message;
    }
  }

  private async evaluate(): Promise<void> {
    let sample: Record<string, unknown>;
    try {
      sample = JSON.parse(this.sample.value);
    } catch (e) {
      this.result.textContent = `The sample is not JSON: ${(e as Error).message}`;
      return;
    }
    try {
      const out = await manageApi.applyTransformations(evaluator(this.expr.value), sample);
      this.result.textContent = JSON.stringify(out['result'] ?? null, null, 2);
      this.result.className = 'ok';
    } catch (e) {
      this.result.textContent = (e as Error).message;
      this.result.className = 'error';
    }
  }
}
