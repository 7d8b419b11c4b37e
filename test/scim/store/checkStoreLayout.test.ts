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

  it("writes no shared row for an email equal to the userName: three rows per Entra-default create", async () => {
    const { store, prefix } = countingStore();
    const created = await store.create('User', entraUser('Sofia.Rossi', 'sofia.rossi'));
    const users = tableClientFromConnectionString(testStorageConnection(), `${prefix}ScimUser`);
    const rows: string[] = [];
    for await (const row of users.listEntities()) if (row.partitionKey !== '~layout') rows.push(String(row.rowKey).split('|').slice(0, 2).join('|'));
    expect(rows.sort()).toEqual(['User|externalId', 'User|userName', `i|${created.id}`].sort());
    expect((await store.query('User', { hints: [{ attribute: 'emails.value', value: 'sofia.rossi@contoso.example' }], startIndex: 1, count: 10 })).resources.map((r) => r.id)).toEqual([created.id]);
  });

  it('records the layout in fresh tables and refuses another partition count', async () => {
    const first = countingStore(uniqueName('l'), 64);
    await first.store.create('User', entraUser('mei.chen', 'mei.chen'));
    const again = countingStore(first.prefix, 64);
    expect((await again.store.query('User', { hints: [{ attribute: 'userName', value: 'mei.chen@contoso.example' }], startIndex: 1, count: 1 })).totalResults).toBe(1);
    const other = countingStore(first.prefix, 256);
    await expect(other.store.get('User', 'x')).rejects.toMatchObject({ code: 'ScimStoreLayoutMismatch' });
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
