// The TypeScript declarations as a user gets them: the packed tarball installed into a clean
// project, type-checked under `moduleResolution: "bundler"` and `"node16"`. A usage file
// type-checks under --strict, misuse does not, and the public surface has no `any`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { installPacked, packageDir } from './harness.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, 'node_modules/.bin/tsc');

/** The two ways TypeScript projects resolve packages (each with the module setting it needs). */
const RESOLUTIONS = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
};

let project;

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'kc-ts-'));
  await installPacked(project);
  copyFileSync(join(here, 'ts/usage.ts'), join(project, 'usage.ts'));
});

/** Type-checks `files` of the project under `resolution`; resolves with tsc's output ('' when clean). */
async function check(resolution, files) {
  const config = join(project, `tsconfig.${resolution}.json`);
  writeFileSync(config, JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', ...RESOLUTIONS[resolution],
      // wasm-bindgen declares [Symbol.dispose], which needs TypeScript 5.2+ with esnext.disposable.
      lib: ['es2022', 'esnext.disposable', 'dom'], skipLibCheck: false, types: [],
    },
    files,
  }));
  return run(tsc, ['-p', config]).then(() => '', (e) => e.stdout || String(e));
}

for (const resolution of Object.keys(RESOLUTIONS)) {
  test(`the usage file type-checks against the installed package (${resolution})`, async () => {
    assert.equal(await check(resolution, ['usage.ts']), '');
  });

  test(`misuse is a type error (${resolution})`, async () => {
    writeFileSync(join(project, 'bad.ts'), `import { Kibana } from 'kibana-connectors';
const c = new Kibana('http://k', { username: 'u', password: 'p' });
c.actions.create({ name: 1, connector_type_id: '.index' });
c.actions.execute({ id: 'x' });
new Kibana('http://k', { credentials: 'sometimes' });
`);
    const failure = await check(resolution, ['bad.ts']);
    assert.ok(failure, 'tsc must reject the misuse');
    for (const line of ['bad.ts(3,', 'bad.ts(4,', 'bad.ts(5,']) assert.ok(failure.includes(line), failure);
    // The errors are about the misuse, not about finding the package.
    assert.doesNotMatch(failure, /TS2307|TS7016/, failure);
  });
}

test('no any in the public declarations', () => {
  for (const file of ['kibana_connectors.d.ts', 'index.d.ts']) {
    const dts = readFileSync(join(packageDir(), file), 'utf8');
    assert.doesNotMatch(dts, /\bany\b/, `${file}: ${dts.match(/.*\bany\b.*/)?.[0]}`);
  }
});
