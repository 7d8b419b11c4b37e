import { parseArgs } from 'node:util';
import { startLocalHost } from '../local/localHost';
import { resolveLocalToken } from '../local/localToken';
import type { Command } from './commandIo';
import { readLocalHostSettings } from './localHostSettings';
import { waitForShutdownSignal } from './waitForShutdownSignal';

/** `idbridge start`: the local host, until Ctrl-C. */
export const startCommand: Command = async (argv, io) => {
  parseArgs({ args: argv, options: {}, allowPositionals: false });
  const settings = readLocalHostSettings(io.env, io.cwd);
  const { token, generated, source } = resolveLocalToken(settings.home, io.env);
  const host = await startLocalHost({ home: settings.home, port: settings.port, token, jobsDir: settings.jobsDir, env: io.env, log: (line) => io.stderr.write(`${line}\n`) });
  io.stdout.write(`idbridge local host listening on ${host.url}\n`);
  io.stdout.write(generated ? `bearer token (generated, kept in ${source}): ${token}\n` : `bearer token: from ${source}\n`);
  io.stdout.write(`try: curl -H "Authorization: Bearer $(cat ${settings.home}/token 2>/dev/null || echo $IDBRIDGE_TOKEN)" ${host.url}/api/jobs\n`);
  await waitForShutdownSignal();
  io.stdout.write('stopping...\n');
  await host.stop();
  return 0;
};
