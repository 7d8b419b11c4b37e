import { createJwksKeyStore, type FetchJwks } from '../../../src/http/auth/createJwksKeyStore';
import { jwkSet, testSigningKey } from './testSigningKey';

const keyA = testSigningKey('a');
const keyB = testSigningKey('b');

function harness(answers: (() => Promise<unknown>)[]) {
  let clock = 0;
  const calls: string[] = [];
  const fetchJwks: FetchJwks = (uri) => {
    calls.push(uri);
    const next = answers.shift();
    return next ? next() : Promise.reject(new Error('no more answers'));
  };
  const store = createJwksKeyStore({ jwksUri: 'https://keys.example/jwks', fetchJwks, now: () => new Date(clock) });
  return { store, calls, advance: (ms: number) => (clock += ms) };
}

describe('createJwksKeyStore', () => {
  test('concurrent lookups share one fetch', async () => {
    const { store, calls } = harness([async () => jwkSet(keyA)]);
    const results = await Promise.all([store.findKey('a'), store.findKey('a'), store.findKey('b')]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(calls).toHaveLength(1);
  });

  test('a fetch that throws synchronously, rejects or returns garbage is not authenticated and keeps the cache', async () => {
    const { store, calls, advance } = harness([
      async () => jwkSet(keyA),
      () => {
        throw new Error('boom');
      },
      async () => ({ keys: 'not an array' }),
      async () => ({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'b' }] }),
    ]);
    expect((await store.findKey('a')).ok).toBe(true);
    for (let i = 0; i < 3; i += 1) {
      advance(60_000);
      expect(await store.findKey('b')).toEqual({ ok: false, reason: 'JWT kid is not in the signing key set' });
      expect((await store.findKey('a')).ok).toBe(true);
    }
    expect(calls).toHaveLength(4);
  });

  test('without a cache a failed fetch is retried only after a minute', async () => {
    const { store, calls, advance } = harness([() => Promise.reject(new Error('down')), async () => jwkSet(keyA)]);
    expect(await store.findKey('a')).toEqual({ ok: false, reason: 'signing key set is unavailable' });
    advance(59_999);
    expect(await store.findKey('a')).toEqual({ ok: false, reason: 'signing key set is unavailable' });
    expect(calls).toHaveLength(1);
    advance(1);
    expect((await store.findKey('a')).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });

  test('a set older than a day is refreshed on next use', async () => {
    const { store, calls, advance } = harness([async () => jwkSet(keyA), async () => jwkSet(keyB)]);
    expect((await store.findKey('a')).ok).toBe(true);
    advance(23 * 3600_000);
    expect((await store.findKey('a')).ok).toBe(true);
    expect(calls).toHaveLength(1);
    advance(3600_000);
    expect((await store.findKey('a')).ok).toBe(false);
    expect((await store.findKey('b')).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });

  test('keys with another use or alg, without kid, or with bad members are ignored', async () => {
    const { store } = harness([
      async () => ({
        keys: [
          { ...keyA.jwk, use: 'enc' },
          { ...keyA.jwk, kid: 'rs384', alg: 'RS384' },
          { ...keyA.jwk, kid: undefined },
          { ...keyA.jwk, kid: 'bad-n', n: 42 },
          { ...keyA.jwk, kid: 'garbage-n', n: '!!!' },
          { ...keyB.jwk, alg: 'RS256' },
        ],
      }),
    ]);
    expect((await store.findKey('b')).ok).toBe(true);
    for (const kid of ['a', 'rs384', 'bad-n', 'garbage-n']) expect((await store.findKey(kid)).ok).toBe(false);
  });
});
