import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');
/** Lines of stderr kept per process: enough to see why it failed, bounded for a process that logs a lot. */
const KEPT_LINES = 200;

export interface ReadyProcess {
  /** What the process printed after `ready `: its URL. */
  readonly address: string;
  readonly pid: number;
  /** The last lines it wrote to stderr, for a failure message. */
  stderrTail(): string[];
  /** Lines of stderr so far that match (counted as they arrive, not only among the kept tail). */
  count(pattern: RegExp): number;
  /** Resolves once the process has exited, with its code or the signal that ended it. */
  readonly exited: Promise<string>;
  /** Sends the signal (SIGKILL: a crash) and waits for the exit; nothing if it has already exited. */
  kill(signal: NodeJS.Signals): Promise<string>;
}

/**
 * Runs a TypeScript script of this repository in a child process (through registerTypeScript.js, as the crash
 * test needs a process it can kill) and resolves once it prints `ready <address>` on stdout. `watch` patterns
 * are counted on stderr for the process's whole life, so that a test can report, say, messages that failed.
 */
export async function startReadyProcess(script: string, args: readonly string[], watch: readonly RegExp[] = []): Promise<ReadyProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', join(ROOT, 'test/support/registerTypeScript.js'), join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const counts = new Map<RegExp, number>(watch.map((pattern) => [pattern, 0]));
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      tail.push(line);
      if (tail.length > KEPT_LINES) tail.shift();
      for (const pattern of watch) if (pattern.test(line)) counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
    });
  }
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${String(code)}`)));
  const stdout = child.stdout;
  if (!stdout || child.pid === undefined) throw new Error(`${script} did not start`);
  const address = await new Promise<string>((resolve, reject) => {
    createInterface({ input: stdout }).on('line', (line) => {
      if (line.startsWith('ready ')) resolve(line.slice('ready '.length));
    });
    void exited.then((how) => reject(new Error(`${script} exited (${how}) before it was ready:\n${tail.join('\n')}`)));
  });
  const pid = child.pid;
  return {
    address,
    pid,
    stderrTail: () => [...tail],
    count: (pattern) => counts.get(pattern) ?? 0,
    exited,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
