// One config document in two views kept in step: a form for its common fields and the raw JSON.
// Every change in either view updates the other and is reported, so the caller can have the server
// check it; the server's problems are then shown at the form field they belong to (by JSON path)
// and, all of them, under the raw JSON.
import { h, render } from '../dom';
import type { Doc, Problem } from './manage-api';
import { getAt, pathText, setAt, within, type Key } from './paths';

export interface FieldSpec {
  keys: Key[];
  label: string;
  type: 'text' | 'number' | 'checkbox' | 'select' | 'json' | 'list';
  options?: string[];
  placeholder?: string;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export class DocEditor {
  readonly element: HTMLElement;
  private doc: Doc = {};
  private readonly raw: HTMLTextAreaElement;
  private readonly rawError: HTMLElement;
  private readonly problemList: HTMLElement;
  private readonly controls: { spec: FieldSpec; control: Control; error: HTMLElement }[] = [];
  /** A form field or the raw JSON that does not parse: the document is not sent while set. */
  private localErrors = new Set<string>();

  constructor(
    readonly id: string,
    title: string,
    fields: FieldSpec[],
    private readonly onChange: () => void,
  ) {
    const form = h('div', { class: 'doc-form' });
    for (const spec of fields) {
      const fieldId = `${id}-${spec.keys.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
      const control = this.control(spec, fieldId);
      const error = h('p', { class: 'field-error', id: `${fieldId}-error`, role: 'alert' });
      control.setAttribute('aria-describedby', error.id);
      control.dataset.path = pathText(spec.keys);
      control.addEventListener(spec.type === 'checkbox' || spec.type === 'select' ? 'change' : 'input', () =>
        this.fromForm(spec, control, error),
      );
      this.controls.push({ spec, control, error });
      form.appendChild(
        h('div', { class: `doc-field doc-field-${spec.type}` }, h('label', { for: fieldId }, spec.label), control, error),
      );
    }
    this.raw = h('textarea', {
      id: `${id}-json`,
      class: 'raw-json',
      rows: 14,
      spellcheck: 'false',
      'aria-label': `${title}: raw JSON`,
      oninput: () => this.fromRaw(),
    });
    this.rawError = h('p', { class: 'field-error', id: `${id}-json-error`, role: 'alert' });
    this.problemList = h('ul', { class: 'problems', id: `${id}-problems`, 'aria-label': `${title}: problems` });
    this.element = h(
      'section',
      { class: 'doc-editor', id, 'aria-label': title },
      h('h3', null, title),
      h('div', { class: 'doc-views' }, form, h('div', { class: 'doc-raw' }, h('label', { for: this.raw.id }, 'Raw JSON'), this.raw, this.rawError)),
      this.problemList,
    );
  }

  private control(spec: FieldSpec, id: string): Control {
    switch (spec.type) {
      case 'checkbox':
        return h('input', { id, type: 'checkbox' });
      case 'select':
        return h(
          'select',
          { id },
          h('option', { value: '' }, '—'),
          (spec.options ?? []).map((o) => h('option', { value: o }, o)),
        );
      case 'json':
        return h('textarea', { id, rows: 3, spellcheck: 'false', placeholder: spec.placeholder ?? '' });
      default:
        return h('input', { id, type: spec.type === 'number' ? 'number' : 'text', placeholder: spec.placeholder ?? '' });
    }
  }

  /** The document; null while a field or the raw JSON does not parse. */
  value(): Doc | null {
    return this.localErrors.size ? null : this.doc;
  }

  set(doc: Doc): void {
    this.doc = structuredClone(doc);
    this.localErrors.clear();
    this.rawError.textContent = '';
    this.raw.value = JSON.stringify(this.doc, null, 2);
    this.toForm();
  }

  private toForm(): void {
    for (const { spec, control, error } of this.controls) {
      const v = getAt(this.doc, spec.keys);
      error.textContent = '';
      if (control instanceof HTMLInputElement && spec.type === 'checkbox') control.checked = v === true;
      else if (spec.type === 'json') control.value = v === undefined ? '' : JSON.stringify(v);
      else if (spec.type === 'list') control.value = Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v);
      else {
        if (control instanceof HTMLSelectElement && v !== undefined && ![...control.options].some((o) => o.value === String(v))) {
          control.appendChild(h('option', { value: String(v) }, String(v)));
        }
        control.value = v === undefined || v === null ? '' : String(v);
      }
    }
  }

  private fromForm(spec: FieldSpec, control: Control, error: HTMLElement): void {
    const text = control.value;
    let value: unknown;
    const key = control.id;
    this.localErrors.delete(key);
    error.textContent = '';
    switch (spec.type) {
      case 'checkbox':
        value = (control as HTMLInputElement).checked;
        break;
      case 'number':
        value = text.trim() === '' ? undefined : Number(text);
        break;
      case 'list':
        value = text.trim() === '' ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case 'json':
        if (text.trim() === '') value = undefined;
        else {
          try {
            value = JSON.parse(text);
          } catch (e) {
            this.localErrors.add(key);
            error.textContent = `not JSON: ${(e as Error).message}`;
            control.setAttribute('aria-invalid', 'true');
            return;
          }
        }
        break;
      default:
        value = text === '' ? undefined : text;
    }
    setAt(this.doc, spec.keys, value);
    this.raw.value = JSON.stringify(this.doc, null, 2);
    this.onChange();
  }

  private fromRaw(): void {
    this.localErrors.delete('raw');
    this.rawError.textContent = '';
    try {
      const parsed = JSON.parse(this.raw.value);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('a config is a JSON object');
      this.doc = parsed;
    } catch (e) {
      this.localErrors.add('raw');
      this.rawError.textContent = `not a JSON object: ${(e as Error).message}`;
      return;
    }
    this.toForm();
    this.onChange();
  }

  /** Shows the server's problems for this document: at their fields, and all under the JSON. */
  showProblems(problems: Problem[]): void {
    for (const { control, error } of this.controls) {
      if (this.localErrors.has(control.id)) continue;
      error.textContent = '';
      control.removeAttribute('aria-invalid');
    }
    for (const p of problems) {
      const at = this.controls.find(({ spec }) => within(p.path, pathText(spec.keys)));
      if (at) {
        at.error.textContent = (at.error.textContent ? at.error.textContent + '; ' : '') + `${p.level === 'warning' ? 'warning: ' : ''}${p.message}`;
        if (p.level === 'error') at.control.setAttribute('aria-invalid', 'true');
      }
    }
    render(
      this.problemList,
      problems.map((p) =>
        h('li', { class: p.level, 'data-path': p.path }, h('code', null, `${p.file} ${p.path}`), ' ', p.message),
      ),
    );
  }
}
