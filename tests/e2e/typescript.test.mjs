// The generated TypeScript declarations: a usage file type-checks under --strict, misuse does
// not, and the public surface has no `any`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const npm = resolve(process.env.NPM_DIR ?? join(here, '../../target/npm'));
const tsc = join(here, 'node_modules/.bin/tsc');

function project(files) {
  const dir = mkdtempSync(join(tmpdir(), 'kc-ts-'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'es2022', moduleResolution: 'bundler',
      // wasm-bindgen declares [Symbol.dispose], which needs TypeScript 5.2+ with esnext.disposable.
      lib: ['es2022', 'esnext.disposable', 'dom'], skipLibCheck: false, baseUrl: '.',
      paths: { 'kibana-connectors': [join(npm, 'web/kibana_connectors.d.ts')] },
    },
    files,
  }));
  return dir;
}

test('the usage file type-checks against the generated declarations', async () => {
  const dir = project([join(here, 'ts/usage.ts')]);
  const errors = await run(tsc, ['-p', join(dir, 'tsconfig.json')]).then(() => '', (e) => e.stdout || String(e));
  assert.equal(errors, '');
});

test('misuse is a type error', async () => {
  const dir = project(['bad.ts']);
  writeFileSync(join(dir, 'bad.ts'), `import { Kibana } from 'kibana-connectors';
const c = new Kibana('http://k', { username: 'u', password: 'p' });
c.actions.create({ name: 1, connector_type_id: '.index' });
c.actions.execute({ id: 'x' });
new Kibana('http://k', { credentials: 'sometimes' });
`);
  const failure = await run(tsc, ['-p', join(dir, 'tsconfig.json')]).then(() => null, (e) => e.stdout);
  assert.ok(failure, 'tsc must reject the misuse');
  for (const line of ['bad.ts(3,', 'bad.ts(4,', 'bad.ts(5,']) assert.ok(failure.includes(line), failure);
});

test('no any in the public declarations', () => {
  for (const target of ['web', 'bundler']) {
    const dts = readFileSync(join(npm, target, 'kibana_connectors.d.ts'), 'utf8');
    assert.doesNotMatch(dts, /\bany\b/, `${target}: ${dts.match(/.*\bany\b.*/)?.[0]}`);
  }
});
