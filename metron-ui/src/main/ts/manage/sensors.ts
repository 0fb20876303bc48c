// The sensors list: each sensor's live status from the platform's metrics (polled every 2 s),
// enable/disable, and links to its editor.
import { ApiError } from '../api';
import { h, render } from '../dom';
import { manageApi, type SensorStatus } from './manage-api';
import type { Page } from './area';

const POLL_MS = 2000;

export class SensorList implements Page {
  readonly element: HTMLElement;
  private readonly body = h('tbody');
  private readonly status = h('p', { id: 'sensors-status', class: 'muted', role: 'status' });
  private timer: number | undefined;
  private version = 0;

  constructor(private readonly admin: boolean) {
    this.element = h(
      'section',
      { id: 'sensors', 'aria-label': 'Sensors' },
      h(
        'div',
        { class: 'actions' },
        h('h2', null, 'Sensors'),
        h('a', { href: '#/sensors/new', id: 'add-sensor', class: 'button primary' }, 'Add sensor'),
      ),
      h(
        'table',
        { id: 'sensors-table', class: 'grid' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Sensor', 'State', 'Topic', 'Msg/s in', 'Received', 'Parsed', 'Invalid', 'Errors', 'Filtered', 'Lag', 'Last message', ''].map(
              (t) => h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        this.body,
      ),
      this.status,
    );
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      const sensors = await manageApi.status();
      render(this.body, sensors.map((s) => this.row(s)));
      this.version++;
      this.element.dataset.version = String(this.version);
      this.status.textContent = `${sensors.length} sensors; updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      this.status.textContent = `Cannot read the sensors' status: ${(e as Error).message}`;
    }
    this.timer = window.setTimeout(() => void this.refresh(), POLL_MS);
  }

  private row(s: SensorStatus): HTMLTableRowElement {
    const n = (v: number | null) => (v === null ? '—' : v.toLocaleString());
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-action': s.enabled ? 'disable' : 'enable',
        disabled: !this.admin,
        title: this.admin ? undefined : 'needs the ADMIN role',
        onclick: async () => {
          toggle.disabled = true;
          try {
            await manageApi.setEnabled(s.sensor, !s.enabled);
            this.status.textContent = `${s.sensor} ${s.enabled ? 'disabled' : 'enabled'}.`;
          } catch (e) {
            this.status.textContent = e instanceof ApiError ? e.message : String(e);
          }
          window.clearTimeout(this.timer);
          void this.refresh();
        },
      },
      s.enabled ? 'Disable' : 'Enable',
    );
    return h(
      'tr',
      { 'data-sensor': s.sensor },
      h('th', { scope: 'row' }, h('a', { href: `#/sensors/edit/${encodeURIComponent(s.sensor)}` }, s.sensor)),
      h('td', { 'data-col': 'state', class: s.enabled ? 'ok' : 'muted' }, s.enabled ? 'running' : 'disabled'),
      h('td', null, s.topic),
      h('td', { 'data-col': 'rate', class: 'num' }, s.messagesPerSecond.toFixed(1)),
      h('td', { 'data-col': 'received', class: 'num' }, n(s.received)),
      h('td', { 'data-col': 'parsed', class: 'num' }, n(s.parsed)),
      h('td', { 'data-col': 'invalid', class: 'num' }, n(s.invalid)),
      h('td', { 'data-col': 'errors', class: 'num' }, n(s.errors)),
      h('td', { 'data-col': 'filtered', class: 'num' }, n(s.filtered)),
      h('td', { 'data-col': 'lag', class: 'num' }, n(s.lag)),
      h('td', { 'data-col': 'last' }, s.lastMessage ? new Date(s.lastMessage).toLocaleString() : 'never'),
      h('td', null, toggle),
    );
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }
}
