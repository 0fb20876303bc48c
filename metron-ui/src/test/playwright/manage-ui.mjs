// Drives the management area (Sensors, editors, test bench, tables, Grok, Stellar) in a real
// browser (Debian's Chromium, headless, through playwright-core) against a running
// `metron run --demo` whose config directory may be changed: adds a sensor, fixes a planted config
// error shown at its field, tests it on sample lines, is refused a save that breaks lines, saves,
// sees its status count up, switches it off and on, loads a threat-intel CSV and sees the next
// matching event become an alert. Exits non-zero on the first failed step, with a screenshot.
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
if (!password) {
  console.error('manage-ui: set METRON_PASSWORD to the admin password of the server under test');
  process.exit(2);
}
const basic = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

const profile = mkdtempSync(join(tmpdir(), 'metron-manage-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1440, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(15_000);
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
    const file = join(artifacts, 'manage-ui-failure.png');
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.log(`     screenshot of the page: ${file}`);
    throw err;
  }
}
async function shot(name, fullPage = false) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `manage-${name}.png`), fullPage });
}
/** A REST call from the test itself (Basic authentication), for what the page does not show. */
async function rest(method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { Authorization: basic, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}
/** Sends raw lines to a sensor's HTTP ingest edge, retrying while the sensor is being started. */
async function ingest(sensor, lines) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await fetch(`${base}/ingest/${sensor}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: lines.join('\n') + '\n' });
    if (r.ok) return;
    if (Date.now() > deadline) throw new Error(`POST /ingest/${sensor} answered ${r.status}: ${await r.text()}`);
    await new Promise((res) => setTimeout(res, 500));
  }
}
const cell = (sensor, col) => page.locator(`#sensors-table tr[data-sensor="${sensor}"] td[data-col="${col}"]`);
const number = async (sensor, col) => Number((await cell(sensor, col).innerText()).replace(/[^0-9.]/g, '') || '0');
async function waitForCount(sensor, col, atLeast, timeout = 90_000) {
  await page.waitForFunction(
    ([s, c, n]) => Number((document.querySelector(`#sensors-table tr[data-sensor="${s}"] td[data-col="${c}"]`)?.textContent ?? '').replace(/[^0-9.]/g, '') || '0') >= n,
    [sensor, col, atLeast],
    { timeout },
  );
}

const SENSOR = 'webproxy';
const WATCHED = '203.0.113.77';
// Timestamps of now, so the alerts view's default time range (the last 24 hours) shows them.
const now = Date.now();
const LINES = [
  `${now},10.0.0.5,198.51.100.7,allow`,
  `${now + 1000},10.0.0.6,198.51.100.8,deny`,
  `${now + 2000},10.0.0.7,198.51.100.9,allow`,
];
const COLUMNS = '["timestamp", "ip_src_addr", "ip_dst_addr", "action"]';
const RULES = JSON.stringify([
  { name: 'watched destination', rule: 'exists(threatintels.hbaseThreatIntel.ip_dst_addr.mgmt_watch)', score: 80 },
]);

try {
  await step('signing in at #/sensors shows the sensors with live status', async () => {
    await page.goto(base + '/#/sensors');
    await page.fill('#login-user', user);
    await page.fill('#login-password', password);
    await page.click('button[type=submit]');
    await page.locator('#sensors-table tr[data-sensor="bro"]').waitFor();
    // The demo's burst is parsed within seconds of start; the list polls and shows it.
    await waitForCount('bro', 'parsed', 1);
    assert.equal(await cell('bro', 'state').innerText(), 'running');
    assert.notEqual(await cell('bro', 'last').innerText(), 'never');
  });

  await step('a new sensor: a planted config error is shown at its field, then fixed', async () => {
    await page.click('#add-sensor');
    await page.locator('#sensor-editor').waitFor();
    await page.fill('#sensor-name', SENSOR);
    await page.selectOption('#parser-parserClassName', 'org.apache.metron.parsers.csv.CSVParser');
    await page.fill('#parser-sensorTopic', SENSOR);
    // The planted error: a two-character separator.
    await page.fill('#parser-parserConfig', `{"columns": ${COLUMNS}, "separator": ";;"}`);
    await page.locator('#parser-parserConfig-error', { hasText: 'must be one character' }).waitFor();
    await page.locator('#parser-problems li[data-path="$.parserConfig.separator"]').waitFor();
    assert.equal(await page.getAttribute('#parser-parserConfig', 'aria-invalid'), 'true');
    await page.locator('#parser-problems li[data-path^="$.parserConfig"]').waitFor();
    // The raw JSON follows the form.
    assert.match(await page.inputValue('#parser-json'), /"separator": ";;"/);
    await shot('editor-error');
    await page.fill('#parser-parserConfig', `{"columns": ${COLUMNS}, "separator": ","}`);
    await page.locator('#editor-verdict', { hasText: 'The configs are valid' }).waitFor();
    assert.equal(await page.locator('#parser-parserConfig-error').innerText(), '');
  });

  await step('threat intel and triage are set in the enrichment form', async () => {
    await page.fill('#enrichment-threatIntel-fieldMap-hbaseThreatIntel', 'ip_dst_addr');
    await page.fill('#enrichment-threatIntel-fieldToTypeMap', '{"ip_dst_addr": ["mgmt_watch"]}');
    await page.fill('#enrichment-threatIntel-triageConfig-riskLevelRules', RULES);
    await page.selectOption('#enrichment-threatIntel-triageConfig-aggregator', 'MAX');
    await page.locator('#editor-verdict', { hasText: 'The configs are valid' }).waitFor();
    assert.match(await page.inputValue('#enrichment-json'), /mgmt_watch/);
  });

  await step('the test bench runs sample lines through the unsaved configs', async () => {
    await page.fill('#bench-lines', LINES.join('\n'));
    await page.click('#bench-run');
    await page.locator('#bench-status', { hasText: '3 lines: 3 parsed' }).waitFor();
    assert.equal(await page.locator('.bench-line[data-state="parsed"]').count(), 3);
    const first = page.locator('.bench-line[data-line="1"]');
    assert.equal(await first.locator('tr[data-field="ip_dst_addr"] td').last().innerText(), '198.51.100.7');
    assert.equal(await first.locator('tr[data-field="action"] td').last().innerText(), 'allow');
  });

  await step('saving applies the new sensor', async () => {
    await page.click('#save-sensor');
    await page.locator('#editor-status', { hasText: `Saved ${SENSOR}` }).waitFor();
    const saved = await rest('GET', `/api/v1/sensor/parser/config/${SENSOR}`);
    assert.equal(saved.status, 200);
    assert.equal(saved.body.parserConfig.separator, ',');
  });

  await step('an edit that breaks lines the saved config parsed shows a diff and needs confirming', async () => {
    await page.fill('#parser-parserConfig', `{"columns": ${COLUMNS}, "separator": "|"}`);
    await page.locator('#editor-verdict', { hasText: 'The configs are valid' }).waitFor();
    await page.click('#bench-run');
    await page.locator('#bench-status', { hasText: '3 line(s) the saved configs parsed now fail' }).waitFor();
    await page.locator('.bench-line[data-state="error"] .bench-error').first().waitFor();
    await page.click('#save-sensor');
    await page.locator('#confirm-save[open]').waitFor();
    await shot('confirm-save');
    await page.click('#confirm-save-no');
    await page.locator('#editor-status', { hasText: 'Not saved' }).waitFor();
    const saved = await rest('GET', `/api/v1/sensor/parser/config/${SENSOR}`);
    assert.equal(saved.body.parserConfig.separator, ',', 'the saved config is unchanged');
    // A change that keeps every line parsing shows as a per-field diff.
    await page.fill(
      '#parser-fieldTransformations',
      '[{"transformation": "STELLAR", "output": ["action"], "config": {"action": "TO_UPPER(action)"}}]',
    );
    await page.fill('#parser-parserConfig', `{"columns": ${COLUMNS}, "separator": ","}`);
    await page.locator('#editor-verdict', { hasText: 'The configs are valid' }).waitFor();
    await page.click('#bench-run');
    await page.locator('#bench-status', { hasText: '3 parsed with the edited configs, 3 with the saved ones.' }).waitFor();
    const action = page.locator('.bench-line[data-line="1"] tr[data-field="action"]');
    assert.equal(await action.getAttribute('class'), 'changed');
    assert.equal(await action.locator('td.saved').innerText(), 'allow');
    await shot('bench-diff', true);
    await page.click('#save-sensor');
    await page.locator('#editor-status', { hasText: `Saved ${SENSOR}` }).waitFor();
  });

  await step("the sensor's status counts up as lines arrive", async () => {
    await page.click('#nav-manage-sensors');
    await page.locator(`#sensors-table tr[data-sensor="${SENSOR}"]`).waitFor();
    await ingest(SENSOR, LINES);
    await waitForCount(SENSOR, 'parsed', 3);
    assert.ok((await number(SENSOR, 'received')) >= 3);
    assert.equal(await cell(SENSOR, 'errors').innerText(), '0');
    await shot('sensors-counting');
  });

  await step("the test bench takes the last records of the sensor's topic", async () => {
    await page.click(`#sensors-table tr[data-sensor="${SENSOR}"] th a`);
    await page.locator('#sensor-editor').waitFor();
    await page.locator('#editor-verdict', { hasText: 'The configs are valid' }).waitFor();
    await page.fill('#bench-count', '2');
    await page.click('#bench-sample');
    await page.locator('#bench-status', { hasText: '2 lines: 2 parsed with the edited configs, 2 with the saved ones' }).waitFor();
    // Two of the records sent (the topic has two partitions, so which two of equal age may vary).
    const taken = (await page.inputValue('#bench-lines')).split('\n');
    assert.equal(new Set(taken).size, 2);
    assert.ok(taken.every((l) => LINES.includes(l)), `records of the topic: ${taken}`);
    await page.click('#nav-manage-sensors');
    await page.locator(`#sensors-table tr[data-sensor="${SENSOR}"]`).waitFor();
  });

  await step('disabling and enabling a sensor is applied and audited', async () => {
    await page.click(`#sensors-table tr[data-sensor="${SENSOR}"] button[data-action="disable"]`);
    await page.locator(`#sensors-table tr[data-sensor="${SENSOR}"] td[data-col="state"]`, { hasText: 'disabled' }).waitFor();
    await page.click(`#sensors-table tr[data-sensor="${SENSOR}"] button[data-action="enable"]`);
    await page.locator(`#sensors-table tr[data-sensor="${SENSOR}"] td[data-col="state"]`, { hasText: 'running' }).waitFor();
    const audit = await rest('GET', `/api/v1/audit?target=sensor/${SENSOR}`);
    const actions = audit.body.map((e) => e.action);
    assert.ok(actions.includes('sensor.disable') && actions.includes('sensor.enable'), `audited: ${actions}`);
  });

  await step('a threat-intel CSV is loaded with progress and browsed by indicator', async () => {
    await page.click('#nav-manage-tables');
    await page.setInputFiles('#table-file', {
      name: 'watch.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${WATCHED},mgmt-test\n198.18.0.5,mgmt-test\n`),
    });
    await page.fill(
      '#table-extractor',
      JSON.stringify({ config: { columns: { ip: 0, source: 1 }, indicator_column: 'ip', type: 'mgmt_watch', separator: ',' }, extractor: 'CSV' }),
    );
    await page.click('#table-load-button');
    await page.locator('#tables[data-load="SUCCEEDED"]').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('#table-status').innerText(), /Loaded 2 rows/);
    await page.fill('#browse-type', 'mgmt_watch');
    await page.fill("#browse-indicator", "203.0.113.");
    await page.click('#browse-button');
    await page.locator(`#table-rows tr[data-indicator="${WATCHED}"]`).waitFor();
    assert.equal(await page.locator('#table-rows tbody tr').count(), 1);
    await shot('tables');
  });

  await step('the next event to a watched address becomes an alert', async () => {
    // The running pipeline reads new table rows within about a second; send until one is an alert.
    const deadline = Date.now() + 90_000;
    let hits = 0;
    let n = 0;
    while (hits === 0) {
      assert.ok(Date.now() < deadline, 'an event to the watched address became an alert within 90 s');
      await ingest(SENSOR, [`${Date.now() + n++},10.0.0.9,${WATCHED},allow`]);
      await new Promise((res) => setTimeout(res, 1500));
      const r = await rest('POST', '/api/v1/search/search', {
        indices: [],
        query: `ip_dst_addr:"${WATCHED}" AND is_alert:true`,
        from: 0,
        size: 5,
        sort: [],
        facetFields: [],
      });
      hits = r.body.total;
    }
    await page.goto(base + '/#/alerts');
    await page.locator('#query').waitFor();
    await page.fill('#query', `ip_dst_addr:"${WATCHED}"`);
    await page.press('#query', 'Enter');
    await page.locator('#alerts-table tbody tr', { hasText: WATCHED }).first().waitFor({ timeout: 30_000 });
    await shot('alert-from-table');
  });

  await step('the Grok editor matches sample lines as they are typed', async () => {
    await page.goto(base + '/#/grok');
    await page.locator('#grok-statement').waitFor();
    await page.fill('#grok-samples', '10.0.0.1 GET /index.html 200\nnot a web log line');
    await page.locator('.grok-line.match[data-line="1"] tr[data-field="ip_src_addr"]').waitFor();
    await page.locator('.grok-line.nomatch[data-line="2"]').waitFor();
    assert.equal(await page.locator('.grok-line[data-line="1"] tr[data-field="status"] td').innerText(), '200');
    await shot('grok');
  });

  await step('the Stellar editor completes functions, shows their docs and evaluates', async () => {
    await page.click('#nav-manage-stellar');
    await page.locator('#stellar-expression').waitFor();
    await page.waitForFunction(() => true);
    await page.click('#stellar-expression');
    await page.keyboard.type('TO_UPP');
    await page.locator('#stellar-completions button[data-function="TO_UPPER"]').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#stellar-expression'), 'TO_UPPER(');
    await page.locator('#stellar-doc-name', { hasText: 'TO_UPPER' }).waitFor();
    await page.keyboard.type('host)');
    await page.locator('#stellar-valid[data-valid="true"]').waitFor();
    await page.fill('#stellar-sample', '{"host": "www.example.com"}');
    await page.click('#stellar-run');
    await page.locator('#stellar-result', { hasText: '"WWW.EXAMPLE.COM"' }).waitFor();
    await shot('stellar');
  });

  await step('the global config shows a problem at its field and saves once fixed', async () => {
    await page.click('#nav-manage-global');
    await page.locator('#global-es_date_format').waitFor();
    await page.waitForFunction(() => document.querySelector('#global-es_date_format')?.value === 'yyyy.MM.dd');
    await page.fill('#global-fieldValidations', '{"ip_src_addr": "IP"}');
    await page.locator('#global-fieldValidations-error', { hasText: 'expected a list' }).waitFor();
    await page.fill('#global-fieldValidations', '[]');
    await page.locator('#global-status', { hasText: 'Valid.' }).waitFor();
    await page.click('#save-global');
    await page.locator('#global-status', { hasText: 'Saved' }).waitFor();
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
