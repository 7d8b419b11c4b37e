import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/local/freePort';
import { startLocalHost } from '../src/local/localHost';
import { startScimmyPeer } from '../test/support/scimmyPeer';
import { benchUsers } from './benchUsers';
import { runConcurrently } from './runConcurrently';
import { scimHttpClient } from './scimHttpClient';

export interface ScimServerFigures {
  createsPerSecond: number;
  getsPerSecond: number;
}

export interface ScimServiceResult {
  scenario: 'scim-service';
  users: number;
  concurrency: number;
  idbridge: ScimServerFigures;
  peer: ScimServerFigures;
  createRatio: number;
  getRatio: number;
}

/**
 * scim-service (issue 4): N POST /Users, then N `GET /Users?filter=userName eq "..."`, from one keep-alive
 * client at concurrency 8, against idbridge's SCIM service on the local host (in-memory Azurite behind it)
 * and against scimmy (in-memory) on the same machine, with the same users. Every GET must find its user.
 */
export async function scimServiceBench(users: number, concurrency = 8): Promise<ScimServiceResult> {
  const home = mkdtempSync(join(tmpdir(), 'idbridge-bench-'));
  const token = `bench-${randomUUID()}`;
  const host = await startLocalHost({ home, port: await freePort(), token, inMemory: true, env: process.env, log: () => {} });
  const peer = await startScimmyPeer();
  try {
    const data = benchUsers(users, 'svc');
    const idbridge = await measure(`${host.url}/scim/v2`, token, data, concurrency);
    const peerFigures = await measure(peer.baseUrl, peer.token, data, concurrency);
    return {
      scenario: 'scim-service',
      users,
      concurrency,
      idbridge,
      peer: peerFigures,
      createRatio: idbridge.createsPerSecond / peerFigures.createsPerSecond,
      getRatio: idbridge.getsPerSecond / peerFigures.getsPerSecond,
    };
  } finally {
    await peer.stop();
    await host.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

async function measure(baseUrl: string, token: string, data: readonly Record<string, unknown>[], concurrency: number): Promise<ScimServerFigures> {
  const client = scimHttpClient(baseUrl, token, concurrency);
  try {
    const createsPerSecond = await runConcurrently(data.length, concurrency, async (i) => {
      await client.send('POST', '/Users', data[i], 201);
    });
    const getsPerSecond = await runConcurrently(data.length, concurrency, async (i) => {
      const filter = encodeURIComponent(`userName eq "${String(data[i]!.userName)}"`);
      const body = (await client.send('GET', `/Users?filter=${filter}`, undefined, 200)) as { totalResults?: number };
      if (body.totalResults !== 1) throw new Error(`GET filter userName eq "${String(data[i]!.userName)}" found ${body.totalResults} users`);
    });
    return { createsPerSecond, getsPerSecond };
  } finally {
    client.close();
  }
}
