import { scimServiceBench } from './scimService';
import { scimStoreDirectBench } from './scimStoreDirect';

/** Runs scim-service (HTTP, idbridge vs scimmy) and the direct store comparison; returns the printed report. */
export async function reportScimService(users: number, machine: string, rounds?: number): Promise<string> {
  const r = await scimServiceBench(users, 8, rounds);
  const stores = await scimStoreDirectBench(users);
  const f = (n: number): string => n.toFixed(0);
  const each = (values: number[]): string => values.map(f).join(' / ');
  return [
    `scim-service: ${r.users} users, concurrency ${r.concurrency}, one keep-alive client per server, the two taking turns in chunks of ${r.chunk}, after ${r.warmUpUsers} untimed creates per server; medians of ${r.rounds} rounds on fresh servers`,
    `  idbridge /scim/v2 (TableScimResourceStore, Azurite):         ${f(r.idbridge.createsPerSecond)} creates/s, ${f(r.idbridge.getsPerSecond)} userName-eq GETs/s`,
    `  scimmy peer (in memory):                                 ${f(r.peer.createsPerSecond)} creates/s, ${f(r.peer.getsPerSecond)} userName-eq GETs/s`,
    `  ratio idbridge/peer: creates ${r.createRatio.toFixed(2)}x, GETs ${r.getRatio.toFixed(2)}x (goal 2x on both)`,
    `  users with Entra's default externalId (mailNickname; idbridge: one Table request per create):`,
    `    idbridge ${f(r.idbridge.mailNicknameCreatesPerSecond)} creates/s, scimmy ${f(r.peer.mailNicknameCreatesPerSecond)} creates/s, ratio ${r.mailNicknameCreateRatio.toFixed(2)}x`,
    `  each round: idbridge creates ${each(r.idbridge.rounds.createsPerSecond)}, GETs ${each(r.idbridge.rounds.getsPerSecond)}, mailNickname creates ${each(r.idbridge.rounds.mailNicknameCreatesPerSecond)}`,
    `              scimmy creates ${each(r.peer.rounds.createsPerSecond)}, GETs ${each(r.peer.rounds.getsPerSecond)}, mailNickname creates ${each(r.peer.rounds.mailNicknameCreatesPerSecond)}`,
    `scim-store (no HTTP, concurrency 8, ${users} users each, one in-memory Azurite):`,
    ...stores.map((s) => `  ${s.store}: ${f(s.createsPerSecond)} creates/s, ${f(s.lookupsPerSecond)} userName lookups/s`),
    `  json: ${JSON.stringify({ ...r, stores, machine })}`,
    '',
  ].join('\n');
}
