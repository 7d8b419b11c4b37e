import { SCIM_ERROR_CODES } from '../../src/connectors/scim/scimErrorCodes';
import { PermanentError } from '../../src/domain/errors';
import type { ScimResourceQuery, ScimResourceStore, ScimResourceType } from '../../src/scim/store/scimResourceStore';
import { createSourceConnector } from '../../src/sources/createSourceConnector';
import { DirectorySourceConnector } from '../../src/sources/directory/DirectorySourceConnector';
import { ScimSourceConnector } from '../../src/sources/scim/ScimSourceConnector';
import { SCIM_CORE_USER } from '../../src/scim/scimSchemas';
import { directoryJob, testJob } from '../support/jobFixtures';
import { type ScimmyPeer, startScimmyPeer } from '../support/scimmyPeer';
import { readAllPages } from './readAllPages';
import { rejectionOf } from './rejectionOf';

/** A directory that holds nothing and records which types were queried; the sources here never write. */
function emptyDirectory(queried: ScimResourceType[] = []): ScimResourceStore {
  const unused = async (): Promise<never> => {
    throw new Error('a source only reads');
  };
  return {
    query: async (type: ScimResourceType, _query: ScimResourceQuery) => (queried.push(type), { totalResults: 0, resources: [] }),
    get: async () => undefined,
    create: unused,
    replace: unused,
    delete: unused,
    addMembers: unused,
    removeMembers: unused,
    members: unused,
    groupsOf: unused,
  };
}

function pullJob(baseUrl: string, pageSize = 2) {
  return testJob({ source: { type: 'scim', baseUrl, tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize, timeoutInMs: 5000 } });
}

describe('createSourceConnector', () => {
  let peer: ScimmyPeer;
  beforeAll(async () => {
    peer = await startScimmyPeer();
    peer.seed('User', ['a', 'b', 'c'].map((userName) => ({ schemas: [SCIM_CORE_USER], userName })));
    peer.seed('Group', [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'not mapped' }]);
  });
  afterAll(async () => {
    await peer.stop();
  });

  it('gives no pull source for bulk-upload jobs: they only push', () => {
    expect(createSourceConnector(testJob(), { env: {}, directory: emptyDirectory() })).toBeUndefined();
  });

  it('reads the built-in directory for {type: "scim"}, only the types the job maps', async () => {
    const queried: ScimResourceType[] = [];
    const both = createSourceConnector(directoryJob(), { env: {}, directory: emptyDirectory(queried) });
    expect(both).toBeInstanceOf(DirectorySourceConnector);
    await readAllPages(both!, 'full');
    expect(queried).toEqual(['User', 'Group']);

    queried.length = 0;
    const usersOnly = createSourceConnector(testJob({ source: { type: 'scim' } }), { env: {}, directory: emptyDirectory(queried) });
    await readAllPages(usersOnly!, 'full');
    expect(queried).toEqual(['User']);
  });

  it('reads an external SCIM app with the token from the app setting the job names, at the job\'s page size', async () => {
    const source = createSourceConnector(pullJob(peer.baseUrl), { env: { IDBRIDGE_SOURCE_TOKEN_HR: peer.token }, directory: emptyDirectory() });
    expect(source).toBeInstanceOf(ScimSourceConnector);
    expect(source?.displayName).toContain('127.0.0.1');
    const read = await readAllPages(source!, 'full');
    expect(read.objects.map((o) => o.data.userName).sort()).toEqual(['a', 'b', 'c']);
    expect(read.objects.every((o) => o.objectType === 'User')).toBe(true);
    expect(Math.max(...read.pages.map((p) => p.objects.length))).toBe(2);
  });

  it('reads the token at each call, so a rotated token needs no restart', async () => {
    const env: Record<string, string | undefined> = { IDBRIDGE_SOURCE_TOKEN_HR: 'an-old-token-0123456789' };
    const deps = { env, directory: emptyDirectory() };
    expect(((await rejectionOf(createSourceConnector(pullJob(peer.baseUrl), deps)!.readPage({ mode: 'full' }))) as PermanentError).code).toBe(SCIM_ERROR_CODES.unauthorized);
    env.IDBRIDGE_SOURCE_TOKEN_HR = peer.token;
    expect((await createSourceConnector(pullJob(peer.baseUrl), deps)!.readPage({ mode: 'full' })).objects.length).toBeGreaterThan(0);
  });

  it.each([{}, { IDBRIDGE_SOURCE_TOKEN_HR: '   ' }, { IDBRIDGE_TARGET_TOKEN_HR: 'a-target-token' }])('fails every read with the unauthorized code when the token setting is missing (%p)', async (env) => {
    const source = createSourceConnector(pullJob(peer.baseUrl), { env, directory: emptyDirectory() });
    for (const attempt of [() => source!.readPage({ mode: 'full' }), () => source!.readObject('User', 'x')]) {
      const error = await rejectionOf(attempt());
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).code).toBe(SCIM_ERROR_CODES.unauthorized);
      expect(error.message).toContain("'IDBRIDGE_SOURCE_TOKEN_HR' named by source.tokenSetting is not set");
    }
  });
});
