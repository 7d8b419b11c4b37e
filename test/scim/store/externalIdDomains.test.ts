import type { JsonObject } from '../../../src/domain/identityObject';
import { MAX_EXTERNAL_ID_DOMAINS } from '../../../src/scim/store/externalIdDomains';
import { TableScimResourceStore } from '../../../src/scim/store/tableScimResourceStore';
import { tableClientFromConnectionString } from '../../../src/state/tables/tableClientFromConnectionString';
import { testStorageConnection, uniqueName } from '../../support/names';

const store = (prefix: string) => new TableScimResourceStore({ connectionString: testStorageConnection(), tablePrefix: prefix, partitions: 8 });

const user = (userName: string, externalId: string): JsonObject => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, externalId });

const byExternalId = async (s: TableScimResourceStore, value: string): Promise<string[]> =>
  (await s.query('User', { hints: [{ attribute: 'externalId', value }], predicate: (r) => r.externalId === value, startIndex: 1, count: 50 })).resources.map((r) => r.id).sort();

/** The externalId rows the Users table holds (RowKeys `User|externalId|<value>`). */
async function externalIdRows(prefix: string): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of tableClientFromConnectionString(testStorageConnection(), `${prefix}ScimUser`).listEntities()) {
    const key = String(row.rowKey);
    if (key.startsWith('User|externalId|')) rows.push(key.slice('User|externalId|'.length));
  }
  return rows.sort();
}

describe('users whose externalId is their userName\'s local part (ExternalIdDomains)', () => {
  it('go without an externalId row, and another store instance (another process) finds them at once', async () => {
    const prefix = uniqueName('d');
    const writer = store(prefix);
    const a = await writer.create('User', user('Kim.Lee@contoso.example', 'Kim.Lee'));
    const b = await writer.create('User', user('kim.lee@fabrikam.example', 'kim.lee'));
    const c = await writer.create('User', user('ana.diaz@contoso.example', 'E-1001'));
    expect(await externalIdRows(prefix)).toEqual(['E-1001']);
    const reader = store(prefix);
    expect(await byExternalId(reader, 'Kim.Lee')).toEqual([a.id]); // caseExact: not b
    expect(await byExternalId(reader, 'kim.lee')).toEqual([b.id]);
    expect(await byExternalId(reader, 'E-1001')).toEqual([c.id]);
    expect(await byExternalId(reader, 'ana.diaz')).toEqual([]);
    // Without a predicate (the store's own check): the claim's holder must carry the externalId exactly.
    expect((await reader.query('User', { hints: [{ attribute: 'externalId', value: 'KIM.LEE' }], startIndex: 1, count: 10 })).totalResults).toBe(0);
  });

  it('get their row when a rename or a new externalId breaks the match, and lose it when the match returns', async () => {
    const prefix = uniqueName('d');
    const s = store(prefix);
    const created = await s.create('User', user('raj.patel@contoso.example', 'raj.patel'));
    const renamed = await s.replace('User', { ...created.resource, userName: 'raj.p@contoso.example' });
    expect(await externalIdRows(prefix)).toEqual(['raj.patel']);
    expect(await byExternalId(s, 'raj.patel')).toEqual([created.id]);
    // The old name is free, and its new holder (another externalId) is not a hit for raj.patel.
    await s.create('User', user('raj.patel@contoso.example', 'other'));
    expect(await byExternalId(s, 'raj.patel')).toEqual([created.id]);
    const matched = await s.replace('User', { ...renamed.resource, externalId: 'raj.p' });
    expect(await externalIdRows(prefix)).toEqual(['other']);
    expect(await byExternalId(s, 'raj.p')).toEqual([created.id]);
    expect(await byExternalId(s, 'raj.patel')).toEqual([]);
    await s.delete('User', created.id, { ifMatch: matched.version });
    expect(await byExternalId(s, 'raj.p')).toEqual([]);
  });

  it(`register at most ${MAX_EXTERNAL_ID_DOMAINS} domains; users of further domains keep their row and are found`, async () => {
    const prefix = uniqueName('d');
    const s = store(prefix);
    const ids = await Promise.all(
      Array.from({ length: MAX_EXTERNAL_ID_DOMAINS + 2 }, async (_, i) => (await s.create('User', user(`sam.lee@d${i}.example`, 'sam.lee'))).id),
    );
    expect(await externalIdRows(prefix)).toEqual(['sam.lee']);
    expect(await byExternalId(store(prefix), 'sam.lee')).toEqual([...ids].sort());
  });
});
