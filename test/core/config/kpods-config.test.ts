/** kpods' own config file: where it is, what it sets, and problems explained with file and line (never fatal). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configPath, describeProblem, loadConfig, parseConfig } from '../../../src/core/config/index.js';

const F = '/home/u/.config/kpods/config.yaml';

test('the file: $XDG_CONFIG_HOME/kpods/config.yaml when absolute, else ~/.config/kpods/config.yaml', () => {
  assert.equal(configPath({ XDG_CONFIG_HOME: '/x/cfg/' }, '/home/u'), '/x/cfg/kpods/config.yaml');
  assert.equal(configPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u'), F);
  assert.equal(configPath({}, '/home/u'), F);
});

test('every setting', () => {
  const text = `# kpods defaults
interval: 5s
watch: true
readonly: false
readonly-contexts: [prod-*, "*-live"]
logs:
  tail: 200
  buffer: 20000
shell: /bin/bash
`;
  assert.deepEqual(parseConfig(text, F), {
    config: {
      intervalMs: 5000,
      watch: true,
      readonly: false,
      readonlyContexts: ['prod-*', '*-live'],
      logTail: 200,
      logBuffer: 20000,
      shell: '/bin/bash',
    },
    problems: [],
  });
  assert.deepEqual(parseConfig('readonly-contexts: prod-*\ninterval: 3\n', F).config, { readonlyContexts: ['prod-*'], intervalMs: 3000 });
  assert.deepEqual(parseConfig('', F), { config: {}, problems: [] });
  assert.deepEqual(parseConfig('# only a comment\n', F), { config: {}, problems: [] });
});

test('invalid entries are explained with the line; the valid ones still apply', () => {
  const text = `interval: soon
watch: yes
readonly: true
colour: red
logs:
  tail: -1
  bufer: 10
shell: ""
`;
  const r = parseConfig(text, F);
  assert.deepEqual(r.config, { readonly: true });
  assert.deepEqual(r.problems.map(describeProblem), [
    `${F}:1: interval must be a duration of at least 100ms, like 2s or 500ms (got "soon")`,
    `${F}:2: watch must be true or false (got "yes")`,
    `${F}:4: unknown setting "colour" (known: interval, watch, readonly, readonly-contexts, logs, shell)`,
    `${F}:6: logs.tail must be a whole number of lines, at least 0 (got -1)`,
    `${F}:7: unknown setting logs.bufer (known: tail, buffer)`,
    `${F}:8: shell must be a command, like /bin/bash (got "")`,
  ]);
});

test('YAML syntax errors and files that are not a mapping', () => {
  const bad = parseConfig('interval: 2s\nlogs: [\n', F);
  assert.deepEqual(bad.config, {});
  assert.equal(bad.problems.length, 1);
  assert.match(describeProblem(bad.problems[0]!), new RegExp(`^${F.replace(/\./g, '\\.')}:3: not valid YAML: `));
  assert.match(describeProblem(parseConfig('- a\n- b\n', F).problems[0]!), /the file must be a mapping of settings/);
});

test('loading: a missing file is fine, an unreadable one is a problem, the text is parsed', () => {
  assert.deepEqual(
    loadConfig(() => undefined, {}, '/home/u'),
    { path: F, exists: false, config: {}, problems: [] },
  );
  const err = Object.assign(new Error('denied'), { code: 'EACCES' });
  assert.deepEqual(loadConfig(() => err, {}, '/home/u').problems, [{ file: F, message: 'cannot be read (EACCES); the defaults apply' }]);
  let asked = '';
  const r = loadConfig((p) => ((asked = p), 'watch: true\n'), { XDG_CONFIG_HOME: '/c' }, '/home/u');
  assert.equal(asked, '/c/kpods/config.yaml');
  assert.deepEqual(r.config, { watch: true });
});
