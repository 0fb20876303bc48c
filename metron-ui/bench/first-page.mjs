// Benchmark (not a test): how soon the Alerts UI's first page shows, in Debian's Chromium
// (headless, through playwright-core) against a running `metron run --demo`. Each run opens a new
// browser context (empty cache, no cookies) and measures
//   - navigation → sign-in form shown (the page's own performance.now() when #login-user is there,
//     i.e. from navigation start), and
//   - Sign in clicked → the alerts table's first row shown (wall clock around the click).
// Prints every run, then the median, p90 and max of each.
//
//   METRON_PASSWORD=... node bench/first-page.mjs            (from metron-ui/)
// Environment: METRON_URL (http://127.0.0.1:8080), METRON_USER (admin), METRON_PASSWORD (required),
// RUNS (10), CHROMIUM (/usr/bin/chromium).
import { chromium } from 'playwright-core';

const base = process.env.METRON_URL ?? 'http://127.0.0.1:8080';
const user = process.env.METRON_USER ?? 'admin';
const password = process.env.METRON_PASSWORD;
const runs = Number(process.env.RUNS ?? '10');
if (!password) {
  console.error('first-page: set METRON_PASSWORD to the admin password of the server under test');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const signInPage = [];
const table = [];
const firstByte = [];
const scripts = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(base + '/');
    await page.locator('#login-user').waitFor();
    const shown = await page.evaluate(() => performance.now());
    // Where the time went: the server's first byte of the page, and the script's arrival.
    const [ttfb, script] = await page.evaluate(() => [
      performance.getEntriesByType('navigation')[0]?.responseStart ?? 0,
      performance.getEntriesByType('resource').find((e) => e.name.endsWith('/app.js'))?.responseEnd ?? 0,
    ]);
    await page.fill('#login-user', user);
    await page.fill('#login-password', password);
    const clicked = performance.now();
    await page.click('button[type=submit]');
    await page.locator('#alerts-table tbody tr').first().waitFor();
    const listed = performance.now() - clicked;
    // The slowest /api/v1 call of the sign-in (login, user, settings, search, histogram …).
    const slowest = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/v1/'))
        .reduce((m, e) => (e.duration > m.duration ? { name: new URL(e.name).pathname, duration: e.duration } : m), { name: '-', duration: 0 }),
    );
    firstByte.push(ttfb);
    scripts.push(script);
    signInPage.push(shown);
    table.push(listed);
    console.log(
      `run ${i + 1}: sign-in page ${shown.toFixed(0)} ms (page's first byte ${ttfb.toFixed(0)} ms, app.js in ${script.toFixed(0)} ms), ` +
        `alerts table ${listed.toFixed(0)} ms after Sign in (slowest call ${slowest.name} ${slowest.duration.toFixed(0)} ms)`,
    );
    await context.close();
  }
} finally {
  await browser.close();
}

function summary(name, values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  console.log(`${name}: median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms (${values.length} runs)`);
}
summary('navigation → sign-in page shown', signInPage);
summary('  of which the page\'s first byte', firstByte);
summary('  of which app.js loaded', scripts);
summary('Sign in → alerts table shown', table);
