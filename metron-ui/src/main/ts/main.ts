// Entry point: shows the login page, or the alerts view when the browser has a session.
import { api, ApiError, setUnauthorizedHandler } from './api';
import { byId, h, render } from './dom';
import { AlertsView } from './alerts';
import { isManageHash, ManageView } from './manage/area';

const root = byId('app');

function showLogin(message?: string): void {
  document.title = 'Metron — sign in';
  const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' }, message ?? '');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'login',
      'aria-labelledby': 'login-title',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        submit.disabled = true;
        error.textContent = '';
        try {
          const name = await api.login(user.value, pass.value);
          await showArea(name);
        } catch (err) {
          error.textContent =
            err instanceof ApiError && err.status === 401
              ? 'Wrong user name or password.'
              : `Cannot sign in: ${(err as Error).message}`;
          submit.disabled = false;
          pass.select();
        }
      },
    },
    h('h1', { id: 'login-title' }, 'Metron Alerts'),
    h('label', { for: 'login-user' }, 'User name'),
    user,
    h('label', { for: 'login-password' }, 'Password'),
    pass,
    submit,
    error,
  );
  render(root, h('main', { class: 'login-page' }, form));
  user.focus();
}

async function showAlerts(user: string): Promise<void> {
  document.title = 'Metron Alerts';
  const view = new AlertsView(root, user, async () => {
    try {
      await api.logout();
    } finally {
      showLogin('Signed out.');
    }
  });
  await view.start();
  // The way to the management area (manage/), next to the user's name.
  root
    .querySelector('header.top .user')
    ?.prepend(h('a', { href: '#/sensors', id: 'nav-sensors', class: 'nav-link' }, 'Sensors'));
}

/** The management area for its addresses (#/sensors, …), the alerts otherwise. */
async function showArea(user: string): Promise<void> {
  if (!isManageHash()) return showAlerts(user);
  document.title = 'Metron Management';
  const view = new ManageView(root, user, async () => {
    try {
      await api.logout();
    } finally {
      showLogin('Signed out.');
    }
  });
  await view.start();
}

// Moving between the two areas starts the page afresh, so neither leaves listeners behind.
let area = isManageHash();
window.addEventListener('hashchange', () => {
  if (isManageHash() !== area) location.reload();
  area = isManageHash();
});

setUnauthorizedHandler(() => showLogin('Your session ended; sign in again.'));

api
  .session()
  .then((user) => showArea(user))
  .catch(() => showLogin());
