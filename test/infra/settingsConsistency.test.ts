import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appSettingNames, appSettingsSchema } from '../../src/config/appSettings';
import { SOURCE_TOKEN_SETTING_PREFIX, TARGET_TOKEN_SETTING_PREFIX } from '../../src/domain/jobDefinition';

/**
 * Keeps the deployment in step with the code: every app setting the code reads must be set by the Bicep
 * and listed in local.settings.sample.json, and the code may read no other environment variable except a
 * few that only the local host uses. Bicep cannot be compiled here, so the Bicep is read as text.
 */

const repoRoot = join(__dirname, '..', '..');
const infraDir = join(repoRoot, 'infra');

/** Read by the local host or the tests only; never deployed, so never in the Bicep. */
const localOnlyEnvNames: readonly string[] = ['IDBRIDGE_HOME', 'PORT', 'IDBRIDGE_JOBS_DIR', 'IDBRIDGE_TEST_STORAGE_CONNECTION'];

/** A name no code reads: the checks below must reject it, or they prove nothing. */
const madeUpName = 'IDBRIDGE_NOT_A_REAL_SETTING';

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * Index of the brace that closes the one at `open`. Skips `//` and `/* *\/` comments and Bicep strings
 * ('...' with \' escapes and ${...} interpolations, and '''...''' multi-line strings), because those may
 * hold braces of their own.
 */
function findClosingBrace(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const ch = text[i];
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      continue;
    }
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      i = end === -1 ? text.length : end + 3;
      continue;
    }
    if (ch === "'") {
      i = skipString(text, i);
      continue;
    }
    if (ch === '{') depth += 1;
    if (ch === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
    i += 1;
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

/** Index just past the single-quoted string that starts at `start`. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith('${', i)) {
      // An interpolation is an expression: it may contain strings and braces, so match it as a block.
      i = findClosingBrace(text, i + 1) + 1;
      continue;
    }
    if (ch === "'") return i + 1;
    i += 1;
  }
  throw new Error(`unterminated string at offset ${start}`);
}

/**
 * The top-level entries of the Bicep object literal assigned to `var <variable> = { ... }`, as
 * name -> value text. Nested objects and arrays stay inside their entry's value.
 */
function readBicepObjectVariable(bicep: string, variable: string): Map<string, string> {
  const declaration = new RegExp(`^var\\s+${variable}\\s*=\\s*\\{`, 'm').exec(bicep);
  if (!declaration) throw new Error(`no "var ${variable} = {" found`);
  const open = declaration.index + declaration[0].length - 1;
  const close = findClosingBrace(bicep, open);
  const body = bicep.slice(open + 1, close);

  // Split the body into lines that start at nesting depth 0: each such line begins one entry.
  const entries = new Map<string, string>();
  let depth = 0;
  let current = '';
  const flush = (): void => {
    const entry = /^\s*([A-Za-z_][A-Za-z0-9_]*|'[^']*')\s*:\s*([\s\S]*)$/.exec(current);
    if (entry?.[1] !== undefined && entry[2] !== undefined) {
      entries.set(entry[1].replace(/^'|'$/g, ''), entry[2].trim());
    }
    current = '';
  };
  let i = 0;
  while (i < body.length) {
    const ch = body[i] ?? '';
    if (body.startsWith('//', i)) {
      // Stop at the newline, which still ends the entry.
      const end = body.indexOf('\n', i);
      i = end === -1 ? body.length : end;
      continue;
    }
    if (body.startsWith('/*', i)) {
      const end = body.indexOf('*/', i + 2);
      i = end === -1 ? body.length : end + 2;
      continue;
    }
    if (ch === "'") {
      const multiLineEnd = body.indexOf("'''", i + 3);
      const end = body.startsWith("'''", i) ? (multiLineEnd === -1 ? body.length : multiLineEnd + 3) : skipString(body, i);
      current += body.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '{' || ch === '[' || ch === '(') depth += 1;
    if (ch === '}' || ch === ']' || ch === ')') depth -= 1;
    if (ch === '\n' && depth === 0) flush();
    else current += ch;
    i += 1;
  }
  flush();
  return entries;
}

/** Names read as process.env.NAME or process.env['NAME'] in TypeScript source text. */
function envNamesReadBy(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  for (const match of source.matchAll(/process\.env\[\s*(['"`])([^'"`]+)\1\s*\]/g)) {
    if (match[2] !== undefined) names.add(match[2]);
  }
  return names;
}

function typeScriptFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...typeScriptFilesUnder(path));
    else if (path.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** The Bicep file that declares `var appSettings`: main.bicep, or a module under infra/app. */
function appSettingsBicep(): { path: string; settings: Map<string, string> } {
  const candidates = [join(infraDir, 'main.bicep'), ...readdirSync(join(infraDir, 'app')).map((f) => join(infraDir, 'app', f))];
  for (const path of candidates.filter((p) => p.endsWith('.bicep'))) {
    const text = readText(path);
    if (/^var\s+appSettings\s*=/m.test(text)) return { path, settings: readBicepObjectVariable(text, 'appSettings') };
  }
  throw new Error('no Bicep file under infra/ declares "var appSettings"');
}

describe('the Bicep parser used by these checks', () => {
  const sample = [
    "var other = { NOT_THIS: 'x' }",
    'var appSettings = {',
    '  // a comment with { a brace and FAKE_KEY: 1',
    "  PLAIN: 'value'",
    "  WITH_BRACES: '@Microsoft.KeyVault(SecretUri=${uri}secrets/${name == 'a' ? 'b}' : 'c'})'",
    '  NESTED: {',
    "    INNER: 'not a top-level key'",
    '  }',
    "  'QUOTED_KEY': ''",
    '}',
  ].join('\n');

  it('finds top-level keys and only those', () => {
    const entries = readBicepObjectVariable(sample, 'appSettings');
    expect([...entries.keys()]).toEqual(['PLAIN', 'WITH_BRACES', 'NESTED', 'QUOTED_KEY']);
    expect(entries.get('WITH_BRACES')).toContain('@Microsoft.KeyVault(');
  });

  it('finds process.env reads in both notations', () => {
    const names = envNamesReadBy("const a = process.env.ONE; const b = process.env['TWO']; const c = env.THREE;");
    expect([...names]).toEqual(['ONE', 'TWO']);
  });
});

describe('infra and local settings match the app settings the code reads', () => {
  const { path: bicepPath, settings } = appSettingsBicep();
  const sample: unknown = JSON.parse(readText(join(repoRoot, 'local.settings.sample.json')));
  const values = (sample as { Values?: Record<string, unknown> }).Values ?? {};

  it.each([...appSettingNames])('%s is set in the Bicep app settings', (name) => {
    expect(settings.has(name)).toBe(true);
  });

  it.each([...appSettingNames])('%s is listed in local.settings.sample.json', (name) => {
    expect(Object.keys(values)).toContain(name);
  });

  it('rejects a name the code does not read', () => {
    expect(settings.has(madeUpName)).toBe(false);
    expect(Object.keys(values)).not.toContain(madeUpName);
    expect(appSettingNames).not.toContain(madeUpName);
  });

  it('keeps every local value a string, as the Functions host requires', () => {
    expect(typeof (sample as { IsEncrypted?: unknown }).IsEncrypted).toBe('boolean');
    for (const [name, value] of Object.entries(values)) expect([name, typeof value]).toEqual([name, 'string']);
  });

  it('puts no secret in the Bicep: the tokens are Key Vault references, to two different secrets', () => {
    expect(settings.get('IDBRIDGE_TOKEN')).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=.*\$\{tokenSecretName\}\)'$/);
    expect(settings.get('IDBRIDGE_ADMIN_TOKEN')).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=.*\$\{adminTokenSecretName\}\)'$/);
    expect(settings.get('IDBRIDGE_STORAGE_CONNECTION')).toBe("''");
  });

  it('makes the Service Bus trigger connection identity-based', () => {
    expect(settings.get('SERVICEBUS_CONNECTION__credential')).toBe("'managedidentity'");
    expect(settings.has('SERVICEBUS_CONNECTION__clientId')).toBe(true);
    expect(settings.get('IDBRIDGE_QUEUE_KIND')).toBe("'serviceBus'");
    expect(bicepPath).toMatch(/\.bicep$/);
  });
});

describe('app settings that jobs name (target and source tokens)', () => {
  const prefixes = [TARGET_TOKEN_SETTING_PREFIX, SOURCE_TOKEN_SETTING_PREFIX];
  const { settings } = appSettingsBicep();
  const sample: unknown = JSON.parse(readText(join(repoRoot, 'local.settings.sample.json')));
  const localNames = Object.keys((sample as { Values?: Record<string, unknown> }).Values ?? {});

  it.each(prefixes)('%s<NAME> is explained to operators in docs/deploy.md', (prefix) => {
    expect(readText(join(repoRoot, 'docs', 'deploy.md'))).toContain(`${prefix}<NAME>`);
  });

  it.each(prefixes)('%s* is never a fixed setting: each job names its own, set by the operator', (prefix) => {
    const fixed = [...settings.keys(), ...localNames, ...appSettingNames].filter((name) => name.startsWith(prefix));
    expect(fixed).toEqual([]);
  });
});

describe('the reconcile queue', () => {
  it('is created in the Bicep with the name the code uses by default', () => {
    const main = readText(join(infraDir, 'main.bicep'));
    const declared = /^var\s+reconcileQueueName\s*=\s*'([^']+)'/m.exec(main)?.[1];
    const codeDefault: unknown = appSettingsSchema.shape.IDBRIDGE_RECONCILE_QUEUE.parse(undefined);
    expect(codeDefault).toBe('reconcile');
    expect(declared).toBe(codeDefault);
    // The same variable names the Service Bus queue and feeds IDBRIDGE_RECONCILE_QUEUE.
    expect(main).toMatch(/queues:\s*\[\s*\{\s*name:\s*reconcileQueueName\b/);
    expect(main).toMatch(/reconcileQueueName:\s*reconcileQueueName\b/);
  });
});

describe('host.json', () => {
  it('is valid JSON when present', () => {
    const path = join(repoRoot, 'host.json');
    if (!existsSync(path)) return;
    expect(() => JSON.parse(readText(path)) as unknown).not.toThrow();
  });
});

describe('environment variables read by src/ and functions/', () => {
  const allowed = new Set<string>([...appSettingNames, ...localOnlyEnvNames]);
  const files = [...typeScriptFilesUnder(join(repoRoot, 'src')), ...typeScriptFilesUnder(join(repoRoot, 'functions'))];

  it('are app settings or local-host settings only', () => {
    const offenders: string[] = [];
    for (const file of files) {
      for (const name of envNamesReadBy(readText(file))) {
        if (!allowed.has(name)) offenders.push(`${file.slice(repoRoot.length + 1)}: ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('would flag a read of an unknown name', () => {
    const names = envNamesReadBy(`const x = process.env.${madeUpName};`);
    expect([...names].filter((n) => !allowed.has(n))).toEqual([madeUpName]);
  });
});
