#!/usr/bin/env node
import type { Command } from './commandIo';
import { demoCommand } from './demoCommand';
import { exprCommand } from './exprCommand';
import { importEntraSchemaCommand } from './importEntraSchemaCommand';
import { jobCommand } from './jobCommand';
import { logsCommand } from './logsCommand';
import { previewCommand } from './previewCommand';
import { provisionCommand } from './provisionCommand';
import { sampleDataCommand } from './sampleDataCommand';
import { startCommand } from './startCommand';
import { statusCommand } from './statusCommand';
import { uploadCommand } from './uploadCommand';
import { IdbridgeError, ValidationError } from '../domain/errors';

const commands: Record<string, { run: Command; summary: string }> = {
  start: { run: startCommand, summary: 'run the local host (Azurite, HTTP endpoints, queue worker) until Ctrl-C' },
  demo: { run: demoCommand, summary: 'start the local host, upload generated HR data to hr-demo, print a summary' },
  'sample-data': { run: sampleDataCommand, summary: 'write realistic HR CSV (--count N [--seed S] [--out file])' },
  upload: { run: uploadCommand, summary: 'upload an HR CSV as SCIM bulk requests (<file.csv> --job ID [--map m.json])' },
  expr: { run: exprCommand, summary: "test an expression (--expression E [--input '{json}'] [--now ISO] [--default-domain D])" },
  preview: { run: previewCommand, summary: 'what the engine would do with one record (--job j.json --input r.json [--target t.json])' },
  status: { run: statusCommand, summary: 'status of every job, or of one in full ([jobId] [--json])' },
  logs: { run: logsCommand, summary: 'provisioning log entries, newest first (<jobId> [--cycle ID] [--status S] [--source KEY])' },
  job: { run: jobCommand, summary: 'start, pause or restart a job (start|pause|restart <jobId> [--reset-scope ...])' },
  provision: { run: provisionCommand, summary: 'provision one object now and show the steps (<jobId> <objectId> [--type Group])' },
  'import-entra-schema': { run: importEntraSchemaCommand, summary: 'convert a schema exported from Entra to a job (<schema.json> [--id ID] [--out job.json])' },
};

function usage(): string {
  return ['usage: idbridge <command> [options]', '', ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(20)} ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name && name !== '--help' ? `unknown command '${name}'\n` : ''}${usage()}\n`);
    return name && name !== '--help' ? 2 : 0;
  }
  try {
    return await command.run(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
  } catch (error) {
    // Configuration and input problems are explained, not dumped as stack traces.
    if (error instanceof ValidationError) process.stderr.write(`error: ${error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n       ')}\n`);
    else if (error instanceof IdbridgeError) process.stderr.write(`error: ${error.message}\n`);
    else process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
