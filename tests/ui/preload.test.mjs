// index.html preloads every module app.js imports, directly or not, and nothing else: a
// module missing from the list is fetched only once its importer has been parsed, a step
// later at start-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ui = join(import.meta.dirname, '..', '..', 'ui');

function imported(file) {
  const source = readFileSync(join(ui, 'js', file), 'utf8');
  const found = [];
  for (const match of source.matchAll(/(?:from|import)\s*['"]\.\/([\w-]+\.js)['"]/g)) {
    found.push(match[1]);
  }
  assert.ok(!/\bimport\s*\(/.test(source), `${file}: dynamic import() is not preloaded`);
  return found;
}

function graph(entry) {
  const seen = new Set();
  const walk = (file) => {
    for (const dep of imported(file)) {
      if (!seen.has(dep)) {
        seen.add(dep);
        walk(dep);
      }
    }
  };
  walk(entry);
  return seen;
}

test('index.html preloads exactly the modules app.js imports', () => {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  assert.match(html, /<script type="module" src="js\/app\.js"><\/script>/);
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="js\/([\w-]+\.js)">/g)].map((m) => m[1]);
  assert.equal(new Set(preloaded).size, preloaded.length, 'a module is preloaded twice');
  assert.deepEqual([...preloaded].sort(), [...graph('app.js')].sort());
});
