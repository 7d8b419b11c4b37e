import { toBulkRequests } from '../../src/inbound/toBulkRequests';
import { SCIM_BULK_REQUEST, SCIM_CORE_USER } from '../../src/scim/scimSchemas';

const users = (n: number) => Array.from({ length: n }, (_, i) => ({ schemas: [SCIM_CORE_USER], externalId: String(i) }));

describe('toBulkRequests', () => {
  const sizes: { users: number; batchSize?: number; expected: number[] }[] = [
    { users: 0, expected: [] },
    { users: 1, expected: [1] },
    { users: 50, expected: [50] },
    { users: 51, expected: [50, 1] },
    { users: 120, expected: [50, 50, 20] },
    { users: 5, batchSize: 2, expected: [2, 2, 1] },
  ];
  it.each(sizes)('$users users in batches of $batchSize', ({ users: n, batchSize, expected }) => {
    const requests = toBulkRequests(users(n), batchSize === undefined ? {} : { batchSize });
    expect(requests.map((r) => r.Operations.length)).toEqual(expected);
  });

  it('builds the BulkRequest shape with a UUID bulkId per operation, in order', () => {
    const [request] = toBulkRequests(users(3));
    expect(request).toMatchObject({ schemas: [SCIM_BULK_REQUEST], failOnErrors: null });
    expect(request?.Operations.map((op) => [op.method, op.path, op.data.externalId])).toEqual([
      ['POST', '/Users', '0'],
      ['POST', '/Users', '1'],
      ['POST', '/Users', '2'],
    ]);
    const bulkIds = request?.Operations.map((op) => op.bulkId) ?? [];
    for (const id of bulkIds) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(bulkIds).size).toBe(3);
  });

  it.each([0, 51, 2.5])('rejects batch size %p', (batchSize) => {
    expect(() => toBulkRequests(users(1), { batchSize })).toThrow(RangeError);
  });
});
