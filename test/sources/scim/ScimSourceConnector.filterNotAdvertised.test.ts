import { createNodeHttpTransport } from '../../../src/connectors/scim/nodeHttpTransport';
import { SCIM_CORE_USER } from '../../../src/scim/scimSchemas';
import { ScimSourceConnector } from '../../../src/sources/scim/ScimSourceConnector';
import { watermarkAfterRead } from '../../../src/sources/sourceWatermark';
import { type ScimmyPeer, startScimmyPeer } from '../../support/scimmyPeer';
import { readAllPages } from '../readAllPages';

/*
 * Its own test file because scimmy's ServiceProviderConfig is one per module registry (scimmyPeer.ts): here it
 * says `filter.supported: false`, scimmy's default, although scimmy does filter. A source that says so is
 * believed: changes are read in full, without trying the filter.
 */
describe('ScimSourceConnector against a source whose ServiceProviderConfig says it cannot filter', () => {
  let peer: ScimmyPeer;
  beforeAll(async () => {
    peer = await startScimmyPeer({ advertiseFilter: false });
    peer.seed('User', [
      { schemas: [SCIM_CORE_USER], userName: 'a', meta: { resourceType: 'User', lastModified: '2025-01-01T00:00:00Z' } },
      { schemas: [SCIM_CORE_USER], userName: 'b', meta: { resourceType: 'User', lastModified: '2025-01-01T00:00:00Z' } },
    ]);
  });
  afterAll(async () => {
    await peer.stop();
  });

  it('reads changes in full, asking the ServiceProviderConfig first and never sending the filter', async () => {
    const inner = createNodeHttpTransport();
    const urls: string[] = [];
    const source = new ScimSourceConnector({
      baseUrl: peer.baseUrl,
      token: peer.token,
      timeoutInMs: 5000,
      pageSize: 10,
      objectTypes: ['User'],
      transport: async (request) => (urls.push(request.url), inner(request)),
    });
    const read = await readAllPages(source, 'changes', watermarkAfterRead(new Date().toISOString(), true));
    expect(read.objects).toHaveLength(2);
    expect(read.pages.every((page) => page.fullRead)).toBe(true);
    expect(urls[0]).toMatch(/\/ServiceProviderConfig$/);
    expect(urls.some((url) => url.includes('filter='))).toBe(false);
  });
});
