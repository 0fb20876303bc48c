// Entry point: shows the login page, or the alerts view when the browser has a session.
import { api, ApiError, setUnauthorizedHandler } from './api';
import { byId, h, render } from './dom';
import { AlertsView } from './alerts';

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
          await showAlerts(name);
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
}

setUnauthorizedHandler(() => showLogin('Your session ended; sign in again.'));

api
  .session()
  .then((user) => showAlerts(user))
  .catch(() => showLogin());
