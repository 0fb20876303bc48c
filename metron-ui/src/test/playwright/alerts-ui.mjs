// Drives the Alerts UI in a real browser (Debian's Chromium, headless, through playwright-core)
// against a running `metron run --demo`: sign in, search, facet, group, open an alert, change its
// status, comment, create a meta-alert, use the keyboard, and read the history. Exits non-zero on
// the first failed step, with a screenshot of the page at that moment.
//
// Environment: METRON_URL (http://127.0.0.1:8080), METRON_USER (admin), METRON_PASSWORD (required),
// CHROMIUM (/usr/bin/chromium), SCREENSHOTS (a directory for the main views; optional),
// ARTIFACTS (where a failure's screenshot goes; default the system temp directory).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.METRON_URL ?? 'http://127.0.0.1:8080';
const user = process.env.METRON_USER ?? 'admin';
const password = process.env.METRON_PASSWORD;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = process.env.SCREENSHOTS;
const artifacts = process.env.ARTIFACTS ?? tmpdir();
const burst = Number(process.env.DEMO_BURST ?? '1');
if (!password) {
  console.error('alerts-ui: set METRON_PASSWORD to the admin password of the server under test');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'metron-ui-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1440, height: 900 },
  acceptDownloads: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(10_000);
const browserErrors = [];
page.on('pageerror', (e) => browserErrors.push(String(e)));

let passed = 0;
let failed = 0;
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err?.stack ?? err}`);
    mkdirSync(artifacts, { recursive: true });
    const file = join(artifacts, 'alerts-ui-failure.png');
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.log(`     screenshot of the page: ${file}`);
    throw err;
  }
}
async function shot(name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}
const rows = () => page.locator('#alerts-table tbody tr');
const column = async (name) => {
  const headers = await page.locator('#alerts-table thead th').allInnerTexts();
  const index = headers.findIndex((t) => t.replace(/[▲▼]/g, '').trim() === name);
  assert.ok(index >= 0, `the table has a column ${name}; it has ${headers.join(', ')}`);
  return page.locator(`#alerts-table tbody tr td:nth-child(${index + 1})`).allInnerTexts();
};
const version = async () => Number(await page.locator('#results').getAttribute('data-version'));
/** Runs an action and waits until the view has shown the server's answer to it. */
async function settled(action) {
  const before = await version();
  await action();
  await page.waitForFunction(
    (v) => Number(document.querySelector('#results')?.dataset.version) > v && document.querySelector('#results').getAttribute('aria-busy') === 'false',
    before,
  );
}
async function search(query) {
  await page.fill('#query', query);
  await settled(() => page.press('#query', 'Enter'));
}
const total = async () => Number((await page.locator('#summary').innerText()).split(' ')[0]);

try {
  await step('the login page shows', async () => {
    await page.goto(base + '/');
    await page.locator('#login-user').waitFor();
    // Reported, not asserted: how long after navigation started the sign-in form was there.
    const shown = await page.evaluate(() => Math.round(performance.now()));
    const bytes = await page.evaluate(() =>
      performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((n, e) => n + (e.transferSize || 0), 0),
    );
    console.log(`     sign-in form shown ${shown} ms after navigation start (${bytes} bytes transferred)`);
    assert.equal(await page.locator('label[for=login-user]').innerText(), 'User name');
    await shot('login');
  });

  await step('a wrong password is refused with a message', async () => {
    await page.fill('#login-user', user);
    await page.fill('#login-password', 'not-the-password');
    await page.click('button[type=submit]');
    await page.locator('#login-error', { hasText: 'Wrong user name or password' }).waitFor();
  });

  await step('signing in shows the alerts of the demo', async () => {
    await page.fill('#login-password', password);
    const signIn = Date.now();
    await page.click('button[type=submit]');
    await page.locator('#alerts-table tbody tr').first().waitFor();
    console.log(`     alerts table shown ${Date.now() - signIn} ms after Sign in`);
    // The demo's burst reaches the index within seconds of start; the live view shows it arrive.
    await page.waitForFunction((n) => Number(document.querySelector('#summary')?.textContent?.split(' ')[0]) >= n, burst, { timeout: 60_000 });
    assert.ok((await rows().count()) > 0, 'the table lists alerts');
    // The steps below change alerts and check the answers; live refreshes would only add noise.
    await page.uncheck('#live');
    assert.equal(await page.locator('#user-name').innerText(), user);
    await shot('alerts');
  });

  await step('a Lucene query narrows the table and goes into the query history', async () => {
    await search('ip_dst_port:53');
    const ports = await column('ip_dst_port');
    assert.ok(ports.length > 0, 'DNS events are listed');
    assert.deepEqual([...new Set(ports)], ['53']);
    const history = await page.locator('#query-history option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(history.includes('ip_dst_port:53'), `history holds the query: ${history}`);
  });

  await step('a facet value includes and excludes', async () => {
    await search('*');
    const facet = page.locator('section[aria-label="Facet ip_src_addr"] li').first();
    const value = await facet.locator('.facet-value').innerText();
    const count = Number(await facet.locator('.count').innerText());
    await settled(() => facet.locator('button[title=Include]').click());
    assert.ok((await page.inputValue('#query')).includes(`ip_src_addr:"${value}"`));
    assert.deepEqual([...new Set(await column('ip_src_addr'))], [value]);
    assert.match(await page.locator('#summary').innerText(), new RegExp(`^${count} alerts?\\b`));
    await search('*');
    await settled(() =>
      page.getByRole('button', { name: `Exclude ip_src_addr ${value}`, exact: true }).click(),
    );
    assert.ok((await page.inputValue('#query')).includes(`-ip_src_addr:"${value}"`));
    assert.ok(!(await column('ip_src_addr')).includes(value), `${value} is excluded`);
  });

  await step('grouping by two fields shows a tree with counts and scores', async () => {
    await search('*');
    await settled(() => page.locator('section[aria-label="Facet ip_src_addr"] button[title="Group by this field"]').first().click());
    await page.fill('#group-field', 'protocol');
    await settled(() => page.press('#group-field', 'Enter'));
    const first = page.locator('#group-tree > li').first();
    const count = Number(await first.locator(':scope > .group-row .count').innerText());
    assert.ok(count > 0, 'the first group counts its alerts');
    await first.locator(':scope > .group-row button.toggle').click();
    const sub = first.locator(':scope > ul > li').first();
    await sub.waitFor();
    const subCounts = await first.locator(':scope > ul > li > .group-row .count').allInnerTexts();
    assert.equal(subCounts.map(Number).reduce((a, b) => a + b, 0), count, 'the subgroups add up to the group');
    await sub.locator(':scope > .group-row button.toggle').click();
    await sub.locator('li.leaf').first().waitFor();
    await shot('tree');
    for (let i = 0; i < 2; i++) await settled(() => page.click('#group-by button[aria-label^="Stop grouping"]'));
    await page.locator('#alerts-table').waitFor();
  });

  let guid;
  await step('j and o open the alert under the cursor with every field', async () => {
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('o');
    await page.locator('#details:not([hidden])').waitFor();
    guid = await page.locator('#details-guid').innerText();
    const cursorGuid = await page.locator('#alerts-table tr.cursor').getAttribute('data-guid');
    assert.equal(guid, cursorGuid);
    await page.locator('#fields th', { hasText: 'original_string' }).waitFor();
    const fields = await page.locator('#fields th').allInnerTexts();
    for (const f of ['guid', 'timestamp', 'source.type', 'ip_src_addr']) assert.ok(fields.includes(f), `details show ${f}`);
  });

  await step('escalating from the details panel changes the status on the server', async () => {
    await page.click('#details-escalate');
    await page.locator('#details-status', { hasText: 'ESCALATE' }).waitFor();
    await page.locator(`#alerts-table tr[data-guid="${guid}"]`, { hasText: 'ESCALATE' }).waitFor();
  });

  await step('a comment is added and listed with its author', async () => {
    await page.fill('#comment-text', 'Looks like beaconing; checking the host.');
    await page.click('#add-comment');
    const comment = page.locator('#comments li.comment', { hasText: 'Looks like beaconing' });
    await comment.waitFor();
    assert.match(await comment.innerText(), new RegExp(user));
    await shot('details');
  });

  await step('the history lists the status change and the comment', async () => {
    const history = page.locator('#history');
    await history.locator('li', { hasText: 'alert_status = ESCALATE' }).first().waitFor();
    await history.locator('li', { hasText: 'escalation' }).first().waitFor();
    await history.locator('li', { hasText: /comment/i }).first().waitFor();
    assert.match(await history.locator('li').first().innerText(), new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${user}: `));
  });

  await step('r resolves the alert under the cursor', async () => {
    await page.keyboard.press('Escape');
    await page.locator('#details').waitFor({ state: 'hidden' });
    await settled(() => page.keyboard.press('r'));
    await page.locator(`#alerts-table tr[data-guid="${guid}"]`, { hasText: 'RESOLVE' }).waitFor();
  });

  await step('a snoozed alert leaves the table until it wakes, and its assignee is kept', async () => {
    await page.keyboard.press('o');
    await page.locator('#details:not([hidden])').waitFor();
    const snoozed = await page.locator('#details-guid').innerText();
    await page.click('#assign-me');
    await page.locator('#history li', { hasText: `assignee = ${user}` }).first().waitFor();
    await page.selectOption('#snooze', { label: '1 hour' });
    await settled(() => page.click('#snooze-button'));
    await page.locator(`#alerts-table tr[data-guid="${snoozed}"]`).waitFor({ state: 'detached' });
    await settled(() => page.uncheck('#hide-snoozed'));
    await page.locator(`#alerts-table tr[data-guid="${snoozed}"]`).waitFor();
    await settled(() => page.click('#unsnooze'));
    await settled(() => page.check('#hide-snoozed'));
    await page.locator(`#alerts-table tr[data-guid="${snoozed}"]`).waitFor();
    await page.keyboard.press('Escape');
  });

  await step('x selects alerts and m makes them a meta-alert', async () => {
    await search('-source.type:metaalert');
    const cursor = () => page.locator('#alerts-table tr.cursor').getAttribute('data-guid');
    const guids = [];
    guids.push(await cursor());
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    guids.push(await cursor());
    await page.keyboard.press('x');
    assert.notEqual(guids[0], guids[1]);
    assert.match(await page.locator('#summary').innerText(), /2 selected/);
    await settled(() => page.keyboard.press('m'));
    await page.locator('#status', { hasText: 'Meta-alert' }).waitFor();
    await search('source.type:metaalert');
    assert.equal(await rows().count(), 1);
    await rows().first().click();
    await page.locator('#members li').first().waitFor();
    const members = await page.locator('#members li button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    for (const g of guids) assert.ok(members.some((m) => m.includes(g)), `the meta-alert holds ${g}`);
  });

  await step('bulk status: select all on the page and set OPEN', async () => {
    await page.keyboard.press('Escape');
    await search('ip_dst_port:53');
    await page.check('#select-all');
    await settled(() => page.click('#bulk-open'));
    await page.locator('#status', { hasText: 'set to OPEN' }).waitFor();
    assert.deepEqual([...new Set(await column('alert_status'))], ['OPEN']);
  });

  await step('? shows the keyboard help and Escape closes it', async () => {
    await page.keyboard.press('?');
    await page.locator('dialog#help[open]').waitFor();
    await shot('help');
    await page.keyboard.press('Escape');
    await page.locator('dialog#help[open]').waitFor({ state: 'detached' });
  });

  await step('/ focuses the query bar', async () => {
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'query');
    await page.keyboard.press('Escape');
  });

  await step('a column layout is kept on the server across sign-ins', async () => {
    await page.click('#configure-columns');
    await page.locator('dialog#columns-dialog[open]').waitFor();
    await page.fill('#add-column', 'conn_state');
    await page.click('#add-column-button');
    await page.click('#save-columns');
    await page.locator('#alerts-table th', { hasText: 'conn_state' }).waitFor();
    await page.reload();
    await page.locator('#alerts-table th', { hasText: 'conn_state' }).waitFor();
  });

  await step('live: a new event appears without searching again', async () => {
    await search('*');
    await page.check('#live');
    const before = await total();
    const event = { conn: { ts: Date.now() / 1000, uid: 'Clive1', 'id.orig_h': '10.9.9.9', 'id.orig_p': 40001, 'id.resp_h': '192.0.2.7', 'id.resp_p': 8080, proto: 'tcp' } };
    const sent = await fetch(`${base}/ingest/bro`, { method: 'POST', body: JSON.stringify(event) + '\n' });
    assert.equal(sent.status, 200, `the HTTP edge took the event: ${await sent.text()}`);
    await page.waitForFunction((n) => Number(document.querySelector('#summary')?.textContent?.split(' ')[0]) > n, before, { timeout: 30_000 });
    await page.locator('#alerts-table td', { hasText: '10.9.9.9' }).first().waitFor();
  });

  await step('a saved search is kept on the server and loads back', async () => {
    await search('ip_dst_port:53');
    const answers = ['DNS lookups', null];
    const onDialog = (d) => (d.type() === 'prompt' ? d.accept(answers.shift()) : d.accept());
    page.on('dialog', onDialog);
    await page.click('#save-search');
    await page.locator('#status', { hasText: 'Saved search' }).waitFor();
    page.off('dialog', onDialog);
    await search('*');
    await page.reload();
    await page.locator('#saved-searches option', { hasText: 'DNS lookups (shared)' }).waitFor({ state: 'attached' });
    const value = await page.locator('#saved-searches option', { hasText: 'DNS lookups' }).getAttribute('value');
    await settled(() => page.selectOption('#saved-searches', value));
    assert.equal(await page.inputValue('#query'), 'ip_dst_port:53');
    // A meta-alert matches through its members and shows no port of its own, so only events count.
    const types = await column('source.type');
    const ports = (await column('ip_dst_port')).filter((_, row) => !types[row].startsWith('metaalert'));
    assert.deepEqual([...new Set(ports)], ['53']);
  });

  await step('signing out ends the session', async () => {
    await page.click('#logout');
    await page.locator('#login-user').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/user', { headers: { 'X-Requested-With': 'XMLHttpRequest' } })).status);
    assert.equal(status, 401);
    await page.reload();
    await page.locator('#login-user').waitFor();
  });

  assert.deepEqual(browserErrors, [], 'no script errors in the page');
} catch {
  // Reported by step().
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && browserErrors.length === 0 ? 0 : 1);
