// Builds the UI into the directory given as the first argument: installs the locked dependencies
// when node_modules does not match package-lock.json, type-checks with tsc, bundles with esbuild
// and copies the static files. Run by Maven (exec-maven-plugin) at generate-resources.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output-directory>');
  process.exit(2);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`metron-ui: '${cmd} ${args.join(' ')}' failed`);
    process.exit(r.status ?? 1);
  }
}

// npm ci only when needed, so an offline rebuild works once the dependencies are installed.
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}
run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);

const esbuild = await import('esbuild');
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: ['src/main/ts/main.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: false,
  outfile: join(out, 'app.js'),
  legalComments: 'none',
  logLevel: 'warning',
});
cpSync('src/main/web', out, { recursive: true });
const size = statSync(join(out, 'app.js')).size;
console.log(`metron-ui: built ${out} (app.js ${size} bytes, ${JSON.parse(readFileSync('package.json')).version})`);
