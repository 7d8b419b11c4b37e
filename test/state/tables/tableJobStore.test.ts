import { jobDefinitionSchema } from '../../../src/domain/jobDefinition';
import { ValidationError } from '../../../src/domain/errors';
import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableJobStore } from '../../../src/state/tables/tableJobStore';
import { testStorageConnection, uniqueName } from '../../support/names';

function job(id: string, displayName = id) {
  return jobDefinitionSchema.parse({
    id,
    displayName,
    source: { type: 'inboundApi' },
    target: { type: 'scim', baseUrl: 'https://app.example.com/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' },
    objectMappings: [{ name: 'users', attributeMappings: [{ source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 }] }],
  });
}

describe('TableJobStore (Azurite)', () => {
  let store: TableJobStore;

  beforeAll(async () => {
    const factory = new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') });
    store = new TableJobStore(await factory.getTableClient('Jobs'));
    // A second client for the same table: creating the table again is harmless.
    await factory.getTableClient('Jobs');
  });

  it('creates, replaces, reads and lists', async () => {
    expect(await store.upsert(job('hr-to-app'))).toBe(true);
    expect(await store.upsert(job('hr-to-app', 'renamed'))).toBe(false);
    expect(await store.upsert(job('second'))).toBe(true);
    expect(await store.get('hr-to-app')).toEqual(job('hr-to-app', 'renamed'));
    expect(await store.get('missing')).toBeUndefined();
    expect((await store.list()).map((j) => j.id).sort()).toEqual(['hr-to-app', 'second']);
  });

  it('rejects a definition too large for one table property', async () => {
    await expect(store.upsert(job('huge', 'x'.repeat(40_000)))).rejects.toBeInstanceOf(ValidationError);
    expect(await store.get('huge')).toBeUndefined();
  });
});
