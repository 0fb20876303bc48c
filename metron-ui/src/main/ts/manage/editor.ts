// A sensor's editor: its parser, enrichment (with threat intel and triage) and indexing configs,
// each as a form and raw JSON, checked by the server on every change; the test bench; and Save,
// which the server validates and applies live. A save that would fail lines the saved configs
// parsed asks first.
import { ApiError } from '../api';
import { h, render } from '../dom';
import { DocEditor, type FieldSpec } from './doc-editor';
import { manageApi, type Problem } from './manage-api';
import { regressions, TestBench } from './bench';
import type { Page } from './area';

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const AGGREGATORS = ['MAX', 'MIN', 'SUM', 'MEAN', 'POSITIVE_MEAN'];

function parserFields(parsers: string[]): FieldSpec[] {
  return [
    { keys: ['parserClassName'], label: 'Parser', type: 'select', options: parsers },
    { keys: ['sensorTopic'], label: 'Kafka topic', type: 'text' },
    { keys: ['outputTopic'], label: 'Output topic', type: 'text', placeholder: 'enrichments' },
    { keys: ['errorTopic'], label: 'Error topic', type: 'text' },
    { keys: ['filterClassName'], label: 'Filter', type: 'text', placeholder: 'STELLAR' },
    { keys: ['parserConfig'], label: 'Parser settings (JSON)', type: 'json', placeholder: '{"columns": ["a", "b"]}' },
    { keys: ['fieldTransformations'], label: 'Field transformations (JSON)', type: 'json' },
  ];
}

const ENRICHMENT_FIELDS: FieldSpec[] = [
  { keys: ['enrichment', 'fieldMap', 'geo'], label: 'GeoIP fields', type: 'list', placeholder: 'ip_src_addr, ip_dst_addr' },
  { keys: ['enrichment', 'fieldMap', 'hbaseEnrichment'], label: 'Table enrichment fields', type: 'list' },
  { keys: ['enrichment', 'fieldToTypeMap'], label: 'Enrichment types by field (JSON)', type: 'json' },
  { keys: ['enrichment', 'fieldMap', 'stellar', 'config'], label: 'Stellar enrichments (JSON)', type: 'json' },
  { keys: ['threatIntel', 'fieldMap', 'hbaseThreatIntel'], label: 'Threat-intel fields', type: 'list', placeholder: 'ip_dst_addr' },
  { keys: ['threatIntel', 'fieldToTypeMap'], label: 'Threat-intel types by field (JSON)', type: 'json', placeholder: '{"ip_dst_addr": ["malicious_ip"]}' },
  { keys: ['threatIntel', 'triageConfig', 'riskLevelRules'], label: 'Triage rules (JSON)', type: 'json', placeholder: '[{"name": "...", "rule": "...", "score": 50}]' },
  { keys: ['threatIntel', 'triageConfig', 'aggregator'], label: 'Score aggregator', type: 'select', options: AGGREGATORS },
];

const INDEXING_FIELDS: FieldSpec[] = ['elasticsearch', 'hdfs'].flatMap((w): FieldSpec[] => [
  { keys: [w, 'index'], label: `${w}: index`, type: 'text' },
  { keys: [w, 'batchSize'], label: `${w}: batch size`, type: 'number' },
  { keys: [w, 'enabled'], label: `${w}: enabled`, type: 'checkbox' },
]);

export class SensorEditor implements Page {
  readonly element: HTMLElement;
  private readonly nameInput: HTMLInputElement;
  private readonly nameError = h('p', { class: 'field-error', id: 'sensor-name-error', role: 'alert' });
  private parser!: DocEditor;
  private readonly enrichment: DocEditor;
  private readonly indexing: DocEditor;
  private readonly bench: TestBench;
  private readonly other = h('ul', { class: 'problems', id: 'other-problems' });
  private readonly status = h('p', { id: 'editor-status', role: 'status' });
  private readonly verdict = h('p', { id: 'editor-verdict', class: 'verdict', role: 'status' });
  private readonly confirm: HTMLDialogElement;
  private readonly parserSlot = h('div');
  private saved = { parser: false, enrichment: false, indexing: false };
  private timer: number | undefined;
  private checks = 0;
  private valid = false;

  constructor(
    private readonly existing: string | null,
    admin: boolean,
  ) {
    const changed = () => this.changed();
    this.nameInput = h('input', {
      id: 'sensor-name',
      value: existing ?? '',
      disabled: existing !== null,
      placeholder: 'e.g. webproxy',
      'aria-describedby': 'sensor-name-error',
      oninput: () => {
        const t = this.nameInput.value.trim();
        if (this.parser.value() && !this.parser.value()!['sensorTopic']) this.parser.set({ ...this.parser.value()!, sensorTopic: t });
        changed();
      },
    });
    this.parser = new DocEditor('parser', 'Parser', parserFields([]), changed);
    this.enrichment = new DocEditor('enrichment', 'Enrichment, threat intel and triage', ENRICHMENT_FIELDS, changed);
    this.indexing = new DocEditor('indexing', 'Indexing', INDEXING_FIELDS, changed);
    this.bench = new TestBench(
      () => this.name(),
      () => String(this.parser.value()?.['sensorTopic'] || this.name()),
      () => {
        const p = this.parser.value();
        const e = this.enrichment.value();
        return p && e ? { parser: p, enrichment: Object.keys(e).length ? e : undefined } : null;
      },
    );
    this.confirm = h(
      'dialog',
      { id: 'confirm-save', 'aria-labelledby': 'confirm-save-title' },
      h('h2', { id: 'confirm-save-title' }, 'Save a config that fails lines?'),
      h('p', { id: 'confirm-save-text' }),
      h(
        'div',
        { class: 'dialog-buttons' },
        h('button', { type: 'button', id: 'confirm-save-yes', class: 'primary', onclick: () => this.confirm.close('yes') }, 'Save anyway'),
        h('button', { type: 'button', id: 'confirm-save-no', onclick: () => this.confirm.close('no') }, 'Cancel'),
      ),
    );
    this.element = h(
      'section',
      { id: 'sensor-editor', 'aria-label': 'Sensor editor' },
      h(
        'div',
        { class: 'actions' },
        h('a', { href: '#/sensors' }, '← Sensors'),
        h('h2', null, existing ? `Sensor ${existing}` : 'New sensor'),
      ),
      h('div', { class: 'doc-field' }, h('label', { for: 'sensor-name' }, 'Sensor name'), this.nameInput, this.nameError),
      this.parserSlot,
      this.bench.element,
      this.enrichment.element,
      this.indexing.element,
      this.other,
      h(
        'div',
        { class: 'actions save-bar' },
        h(
          'button',
          { type: 'button', id: 'save-sensor', class: 'primary', disabled: !admin, onclick: () => void this.save() },
          'Save and apply',
        ),
        this.verdict,
        this.status,
      ),
      this.confirm,
    );
    void this.load();
  }

  private name(): string {
    return this.nameInput.value.trim();
  }

  private async load(): Promise<void> {
    const available = await manageApi.availableParsers().catch(() => ({}) as Record<string, string>);
    this.parser = new DocEditor('parser', 'Parser', parserFields([...new Set(Object.values(available))].sort()), () => this.changed());
    render(this.parserSlot, this.parser.element);
    if (this.existing) {
      const [p, e, i] = await Promise.all([
        manageApi.read('parser', this.existing),
        manageApi.read('enrichment', this.existing),
        manageApi.read('indexing', this.existing),
      ]);
      this.saved = { parser: !!p, enrichment: !!e, indexing: !!i };
      this.parser.set(p ?? {});
      this.enrichment.set(e ?? {});
      this.indexing.set(i ?? {});
    } else {
      this.parser.set({ parserClassName: '', sensorTopic: '', parserConfig: {} });
      this.enrichment.set({});
      this.indexing.set({});
    }
    this.changed();
  }

  /** Every change: the server checks the three documents, debounced. */
  private changed(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.check(), 250);
  }

  private async check(): Promise<boolean> {
    const name = this.name();
    this.nameError.textContent = NAME.test(name) ? '' : 'Give the sensor a name: 1 to 100 of A-Z a-z 0-9 _ . -';
    const p = this.parser.value();
    const e = this.enrichment.value();
    const i = this.indexing.value();
    if (!NAME.test(name) || !p || !e || !i) {
      this.valid = false;
      this.verdict.textContent = 'Not checked: fix the marked fields first.';
      return false;
    }
    const n = ++this.checks;
    try {
      const answer = await manageApi.validate({
        sensor: name,
        sensorParserConfig: p,
        sensorEnrichmentConfig: Object.keys(e).length || this.saved.enrichment ? e : undefined,
        sensorIndexingConfig: Object.keys(i).length || this.saved.indexing ? i : undefined,
      });
      if (n !== this.checks) return this.valid;
      this.showProblems(name, answer.problems);
      this.valid = answer.valid;
      const errors = answer.problems.filter((x) => x.level === 'error').length;
      this.verdict.textContent = answer.valid ? 'The configs are valid.' : `${errors} problem(s) to fix.`;
      this.verdict.className = `verdict ${answer.valid ? 'ok' : 'error'}`;
      this.element.dataset.checked = String(n);
      return answer.valid;
    } catch (err) {
      this.verdict.textContent = `Cannot check: ${(err as Error).message}`;
      return false;
    }
  }

  private showProblems(name: string, problems: Problem[]): void {
    const of = (file: string) => problems.filter((x) => x.file === file);
    this.parser.showProblems(of(`parsers/${name}.json`));
    this.enrichment.showProblems(of(`enrichments/${name}.json`));
    this.indexing.showProblems(of(`indexing/${name}.json`));
    const mine = new Set([`parsers/${name}.json`, `enrichments/${name}.json`, `indexing/${name}.json`]);
    render(
      this.other,
      problems
        .filter((x) => !mine.has(x.file))
        .map((x) => h('li', { class: x.level }, h('code', null, `${x.file} ${x.path}`), ' ', x.message)),
    );
  }

  private async save(): Promise<void> {
    this.status.textContent = '';
    if (!(await this.check())) {
      this.status.textContent = 'Not saved: the configs have problems (marked above).';
      return;
    }
    const name = this.name();
    if (this.bench.sampleLines().length) {
      const result = this.bench.isCurrent() ? this.bench.last!.result : await this.bench.run();
      const worse = result ? regressions(result) : 0;
      if (worse) {
        byText(this.confirm, `The edited configs fail ${worse} sample line(s) that the saved configs parsed.`);
        this.confirm.showModal();
        const answer = await new Promise<string>((resolve) =>
          this.confirm.addEventListener('close', () => resolve(this.confirm.returnValue), { once: true }),
        );
        if (answer !== 'yes') {
          this.status.textContent = 'Not saved.';
          return;
        }
      }
    }
    try {
      await manageApi.save('parser', this.parser.value()!, name);
      const e = this.enrichment.value()!;
      if (Object.keys(e).length || this.saved.enrichment) await manageApi.save('enrichment', e, name);
      const i = this.indexing.value()!;
      if (Object.keys(i).length || this.saved.indexing) await manageApi.save('indexing', i, name);
      this.saved = { parser: true, enrichment: this.saved.enrichment || !!Object.keys(e).length, indexing: this.saved.indexing || !!Object.keys(i).length };
      this.status.textContent = `Saved ${name}; the pipeline applies it now.`;
      this.element.dataset.saved = name;
      if (!this.existing) history.replaceState(null, '', `#/sensors/edit/${encodeURIComponent(name)}`);
    } catch (err) {
      this.status.textContent = `Not saved: ${err instanceof ApiError ? err.message : String(err)}`;
    }
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }
}

function byText(dialog: HTMLElement, text: string): void {
  const p = dialog.querySelector('#confirm-save-text');
  if (p) p.textContent = text;
}
