import { parseArgs } from 'node:util';
import { startLocalHost } from '../local/localHost';
import { resolveLocalAdminToken, resolveLocalToken } from '../local/localToken';
import type { Command } from './commandIo';
import { readLocalHostSettings } from './localHostSettings';
import { waitForShutdownSignal } from './waitForShutdownSignal';

/** How to print where a token is: its value only on the run that generated it, else where it comes from. */
function describeToken(label: string, kept: { token: string; generated: boolean; source: string }): string {
  return kept.generated ? `${label} (generated, kept in ${kept.source}): ${kept.token}\n` : `${label}: from ${kept.source}\n`;
}

/** `idbridge start`: the local host, until Ctrl-C. */
export const startCommand: Command = async (argv, io) => {
  parseArgs({ args: argv, options: {}, allowPositionals: false });
  const settings = readLocalHostSettings(io.env, io.cwd);
  const inbound = resolveLocalToken(settings.home, io.env);
  const admin = resolveLocalAdminToken(settings.home, io.env);
  const host = await startLocalHost({ home: settings.home, port: settings.port, token: inbound.token, adminToken: admin.token, jobsDir: settings.jobsDir, env: io.env, log: (line) => io.stderr.write(`${line}\n`) });
  io.stdout.write(`idbridge local host listening on ${host.url}\n`);
  io.stdout.write(describeToken('inbound token, for bulkUpload and /scim/v2', inbound));
  io.stdout.write(describeToken('admin token, for the management API (/api/jobs)', admin));
  io.stdout.write(`try: curl -H "Authorization: Bearer $(cat ${settings.home}/admin-token 2>/dev/null || echo $IDBRIDGE_ADMIN_TOKEN)" ${host.url}/api/jobs\n`);
  await waitForShutdownSignal();
  io.stdout.write('stopping...\n');
  await host.stop();
  return 0;
};
