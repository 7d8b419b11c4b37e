import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../domain/errors';

/** Reads a JSON file named on the command line (relative to cwd); a missing or malformed file is a ValidationError naming it. */
export async function readJsonFile(cwd: string, file: string): Promise<unknown> {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new ValidationError([{ path: file, message: `cannot be read (${error instanceof Error ? error.message : String(error)})` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError([{ path: file, message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` }]);
  }
}
