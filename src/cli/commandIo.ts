/** What a CLI command may touch of its process, passed in so that tests can run commands in-process. */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A command: arguments after its name in, exit code out (0 ok, 1 failed, 2 usage error). */
export type Command = (argv: string[], io: CommandIo) => Promise<number>;
