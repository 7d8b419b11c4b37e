import { PassThrough } from 'node:stream';
import type { CommandIo } from '../../src/cli/commandIo';

/** A CommandIo whose output the test reads back; `out()`/`err()` return what was written since the last call. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): { io: CommandIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return { io: { stdout, stderr, env, cwd }, out: text(stdout), err: text(stderr) };
}
