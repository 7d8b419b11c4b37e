import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateJobDefinition } from '../app/validateJobDefinition';
import { ValidationError } from '../domain/errors';
import type { JobDefinition } from '../domain/jobDefinition';

/**
 * Reads every `*.json` job definition in a folder. `${NAME}` in a file is replaced by the variable NAME
 * (e.g. `${IDBRIDGE_LOCAL_URL}`, which the local host sets to its own address), so a shipped job can point
 * at the built-in directory whatever port the host runs on. Errors name the file and the field.
 */
export function loadJobFiles(folder: string, variables: Record<string, string | undefined>): JobDefinition[] {
  if (!existsSync(folder)) return [];
  const jobs: JobDefinition[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(folder, file);
    const text = readFileSync(path, 'utf8').replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const value = variables[name];
      if (value === undefined) throw new ValidationError([{ path: file, message: `uses \${${name}}, which is not set` }]);
      return value;
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ValidationError([{ path: file, message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
    }
    try {
      jobs.push(validateJobDefinition(parsed));
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ path: `${file}: ${i.path}`, message: i.message })));
      throw error;
    }
  }
  return jobs;
}
