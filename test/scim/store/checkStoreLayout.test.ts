import type { TableServiceClientOptions } from '@azure/data-tables';
import { PermanentError } from '../../../src/domain/errors';
import type { JsonObject } from '../../../src/domain/identityObject';
import { TableScimResourceStore } from '../../../src/scim/store/tableScimResourceStore';
import { tableClientFromConnectionString } from '../../../src/state/tables/tableClientFromConnectionString';
import { testStorageConnection, uniqueName } from '../../support/names';

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/** A store on fresh tables whose clients count the requests they send. */
function countingStore(prefix = uniqueName('l'), partitions = 256) {
  let requests = 0;
  const counter: PipelinePolicy = { name: 'count', sendRequest: (request, next) => (requests++, next(request)) };
  const clientFor = (suffix: string) =>
    tableClientFromConnectionString(testStorageConnection(), `${prefix}${suffix}`, { additionalPolicies: [{ policy: counter, position: 'perCall' }] });
  return { store: new TableScimResourceStore({ clientFor, partitions }), requests: () => requests, prefix };
}

const entraUser = (alias: string, externalId: string): JsonObject => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: `${alias}@contoso.example`,
  externalId,
  emails: [{ type: 'work', primary: true, value: `${alias}@contoso.example` }],
});

describe('store layout', () => {
  it("creates an Entra-default user (externalId = the UPN's local part, mail = UPN) in one Table request, others in two", async () => {
    const { store, requests } = countingStore();
    await store.get('User', 'warm-up'); // creates the tables and records the layout
    let before = requests();
    // The first user of a domain registers it (a read and a write, once per domain and process).
    await store.create('User', entraUser('first.user', 'first.user'));
    expect(requests() - before).toBe(3);
    before = requests();
    const created = await store.create('User', entraUser('Barbara.Jensen', 'barbara.jensen'));
    expect(requests() - before).toBe(1);
    before = requests();
    await store.create('User', entraUser('ahmed.khan', '4f1c0a8e-7d1e-4f5e-9b43-2b7f0c1d9e11'));
    expect(requests() - before).toBe(2);
    // Found by each indexed value, whatever its case where the attribute is caseExact false.
    for (const hint of [{ attribute: 'userName', value: 'BARBARA.JENSEN@contoso.example' }, { attribute: 'externalId', value: 'barbara.jensen' }, { attribute: 'emails.value', value: 'Barbara.Jensen@CONTOSO.example' }]) {
      expect((await store.query('User', { hints: [hint], startIndex: 1, count: 10 })).resources.map((r) => r.id)).toEqual([created.id]);
    }
    expect((await store.query('User', { hints: [{ attribute: 'externalId', value: 'Barbara.Jensen' }], startIndex: 1, count: 10 })).totalResults).toBe(0);
  });

  it('keeps an Entra-default user in one row, its home claim: no id row, no row for its externalId nor for an email equal to its userName', async () => {
    const { store, prefix } = countingStore();
    const created = await store.create('User', entraUser('Sofia.Rossi', 'sofia.rossi'));
    const users = tableClientFromConnectionString(testStorageConnection(), `${prefix}ScimUser`);
    const rows: string[] = [];
    for await (const row of users.listEntities()) if (row.partitionKey !== '~layout') rows.push(String(row.rowKey).split('|').slice(0, 2).join('|'));
    const [, hash] = created.id.split('-');
    expect(rows).toEqual([`k|${hash}`]);
    expect(await store.get('User', created.id)).toEqual(created);
    for (const hint of [{ attribute: 'emails.value', value: 'sofia.rossi@contoso.example' }, { attribute: 'externalId', value: 'sofia.rossi' }]) {
      expect((await store.query('User', { hints: [hint], startIndex: 1, count: 10 })).resources.map((r) => r.id)).toEqual([created.id]);
    }
  });

  it('records the layout in fresh tables and refuses another partition count', async () => {
    const first = countingStore(uniqueName('l'), 64);
    await first.store.create('User', entraUser('mei.chen', 'mei.chen'));
    const again = countingStore(first.prefix, 64);
    expect((await again.store.query('User', { hints: [{ attribute: 'userName', value: 'mei.chen@contoso.example' }], startIndex: 1, count: 1 })).totalResults).toBe(1);
    const other = countingStore(first.prefix, 256);
    await expect(other.store.get('User', 'x')).rejects.toMatchObject({ code: 'ScimStoreLayoutMismatch' });
  });

  it('refuses tables of layout 3 (claims keyed by the value, every resource in an id row)', async () => {
    const prefix = uniqueName('l');
    const users = tableClientFromConnectionString(testStorageConnection(), `${prefix}ScimUser`);
    await users.createTable();
    await users.createEntity({ partitionKey: '~layout', rowKey: 'scim', version: 3, partitions: 256 });
    const { store } = countingStore(prefix);
    await expect(store.get('User', 'x')).rejects.toThrow(/layout 3 .*this version reads layout 4/);
  });

  it('refuses tables that hold rows written without a layout row (the earlier layout)', async () => {
    const prefix = uniqueName('l');
    const groups = tableClientFromConnectionString(testStorageConnection(), `${prefix}ScimGroup`);
    await groups.createTable();
    await groups.createEntity({ partitionKey: '1f', rowKey: 'Group|displayName|staff', id: '1f-x' });
    const { store } = countingStore(prefix);
    const refusal = store.create('User', entraUser('olu.adeyemi', 'olu.adeyemi'));
    await expect(refusal).rejects.toBeInstanceOf(PermanentError);
    await expect(refusal).rejects.toThrow(/layout 2/);
  });
});
