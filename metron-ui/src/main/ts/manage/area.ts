// The management area (hash routes under #/sensors, #/global, #/tables, #/grok, #/stellar):
// Metron's Management UI on the same sign-in as the alerts. Reads need a session; saving, switching
// a sensor and loading tables need the ADMIN role (the server refuses others; the page says so).
import { h, render } from '../dom';
import { manageApi } from './manage-api';
import { SensorList } from './sensors';
import { SensorEditor } from './editor';
import { GlobalEditor } from './global';
import { TablesView } from './tables';
import { GrokView } from './grok';
import { StellarView } from './stellar';

const AREAS = ['sensors', 'global', 'tables', 'grok', 'stellar'];

/** Whether the page's address is one of the management area's. */
export function isManageHash(hash = location.hash): boolean {
  return AREAS.includes(hash.replace(/^#\//, '').split('/')[0]);
}

/** Something shown in the area; stopped when the user goes elsewhere. */
export interface Page {
  element: HTMLElement;
  stop?(): void;
}

export class ManageView {
  private readonly content = h('main', { id: 'manage', class: 'manage' });
  private readonly nav: HTMLElement;
  private page: Page | null = null;
  private admin = false;
  private onHash = () => this.route();

  constructor(
    private readonly root: HTMLElement,
    private readonly user: string,
    private readonly signOut: () => void,
  ) {
    const link = (href: string, label: string, id: string) => h('a', { href, id, class: 'nav-link' }, label);
    this.nav = h(
      'nav',
      { class: 'areas', 'aria-label': 'Management' },
      link('#/sensors', 'Sensors', 'nav-manage-sensors'),
      link('#/global', 'Global config', 'nav-manage-global'),
      link('#/tables', 'Tables', 'nav-manage-tables'),
      link('#/grok', 'Grok', 'nav-manage-grok'),
      link('#/stellar', 'Stellar', 'nav-manage-stellar'),
    );
  }

  async start(): Promise<void> {
    document.title = 'Metron — sensors';
    const roles = await manageApi.roles().catch(() => [] as string[]);
    this.admin = roles.includes('ROLE_ADMIN');
    render(
      this.root,
      h(
        'header',
        { class: 'top' },
        h('h1', null, 'Metron Management'),
        h('a', { href: '#/alerts', id: 'nav-alerts', class: 'nav-link' }, 'Alerts'),
        this.nav,
        h(
          'div',
          { class: 'user' },
          h('span', { id: 'user-name', 'aria-label': 'Signed in as' }, this.user),
          this.admin ? null : h('span', { class: 'muted', id: 'read-only' }, 'read-only (not ADMIN)'),
          h('button', { type: 'button', id: 'logout', onclick: () => this.stop(true) }, 'Sign out'),
        ),
      ),
      this.content,
    );
    window.addEventListener('hashchange', this.onHash);
    this.route();
  }

  private route(): void {
    const parts = location.hash.replace(/^#\//, '').split('/').map(decodeURIComponent);
    if (!isManageHash()) return;
    this.page?.stop?.();
    for (const a of this.nav.querySelectorAll('a')) {
      a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${parts[0]}`);
    }
    switch (parts[0]) {
      case 'sensors':
        this.page =
          parts[1] === 'new'
            ? new SensorEditor(null, this.admin)
            : parts[1] === 'edit' && parts[2]
              ? new SensorEditor(parts[2], this.admin)
              : new SensorList(this.admin);
        break;
      case 'global':
        this.page = new GlobalEditor(this.admin);
        break;
      case 'tables':
        this.page = new TablesView(this.admin);
        break;
      case 'grok':
        this.page = new GrokView();
        break;
      default:
        this.page = new StellarView();
    }
    render(this.content, this.page.element);
  }

  stop(signOut = false): void {
    this.page?.stop?.();
    window.removeEventListener('hashchange', this.onHash);
    if (signOut) this.signOut();
  }
}
