/*
 * Lets a child process that a test spawns run the TypeScript sources directly (`node -r
 * ./test/support/registerTypeScript.js some.ts`), compiled on load with the same swc settings jest uses.
 * Tests that kill a process (the crash test) need a real child process, and building dist/ first would make
 * `npm test` depend on a build step.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
