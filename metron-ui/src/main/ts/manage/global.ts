// The global config: a form for its common keys and the raw JSON, checked with every sensor's
// configs on each change, saved (and applied live) by ADMINs.
import { ApiError } from '../api';
import { h } from '../dom';
import { DocEditor } from './doc-editor';
import { manageApi } from './manage-api';
import type { Page } from './area';

export class GlobalEditor implements Page {
  readonly element: HTMLElement;
  private readonly editor: DocEditor;
  private readonly status = h('p', { id: 'global-status', role: 'status' });
  private timer: number | undefined;

  constructor(admin: boolean) {
    this.editor = new DocEditor(
      'global',
      'Global config',
      [
        { keys: ['es.date.format'], label: 'Index date format', type: 'text', placeholder: 'yyyy.MM.dd' },
        { keys: ['source.type.field'], label: 'Source type field', type: 'text' },
        { keys: ['threat.triage.score.field'], label: 'Triage score field', type: 'text' },
        { keys: ['parser.error.topic'], label: 'Parser error topic', type: 'text' },
        { keys: ['parser.sensors.disabled'], label: 'Disabled sensors', type: 'list' },
        { keys: ['fieldValidations'], label: 'Field validations (JSON)', type: 'json' },
      ],
      () => {
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(() => void this.check(), 250);
      },
    );
    this.element = h(
      'section',
      { id: 'global-editor', 'aria-label': 'Global config' },
      this.editor.element,
      h(
        'div',
        { class: 'actions save-bar' },
        h('button', { type: 'button', id: 'save-global', class: 'primary', disabled: !admin, onclick: () => void this.save() }, 'Save and apply'),
        this.status,
      ),
    );
    void manageApi.read('global').then((doc) => {
      this.editor.set(doc ?? {});
      void this.check();
    });
  }

  private async check(): Promise<boolean> {
    const doc = this.editor.value();
    if (!doc) return false;
    const answer = await manageApi.validate({ globalConfig: doc });
    this.editor.showProblems(answer.problems.filter((p) => p.file === 'global.json'));
    const others = answer.problems.filter((p) => p.file !== 'global.json' && p.level === 'error');
    this.status.textContent = answer.valid
      ? 'Valid.'
      : `${answer.problems.filter((p) => p.level === 'error').length} problem(s)` +
        (others.length ? `, in ${[...new Set(others.map((p) => p.file))].join(', ')} too` : '');
    return answer.valid;
  }

  private async save(): Promise<void> {
    if (!(await this.check())) return;
    try {
      await manageApi.save('global', this.editor.value()!);
      this.status.textContent = 'Saved; the pipeline applies it now.';
    } catch (e) {
      this.status.textContent = `Not saved: ${e instanceof ApiError ? e.message : String(e)}`;
    }
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }
}
