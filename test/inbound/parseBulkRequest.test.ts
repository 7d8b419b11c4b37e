import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TooLargeError, ValidationError } from '../../src/domain/errors';
import { parseBulkRequest } from '../../src/inbound/parseBulkRequest';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const op = (bulkId: string, data: Record<string, unknown>) => ({ method: 'POST', path: '/Users', bulkId, data });
const request = (...operations: unknown[]) => ({ schemas: [BULK], Operations: operations, failOnErrors: null });

function issuesOf(body: unknown, max = 50): string[] {
  try {
    parseBulkRequest(body, max);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('parseBulkRequest', () => {
  it("accepts Microsoft's sample payload as it is (lowercase /users path, extensions, failOnErrors null)", () => {
    const sample = JSON.parse(readFileSync(resolve(__dirname, '../../../shared/data/entra-samples/Extended-SCIM-bulk-request-Core+Enterprise.json'), 'utf8'));
    const records = parseBulkRequest(sample, 50);
    expect(records.length).toBe(sample.Operations.length);
    expect(records[0]?.sourceKey).toBe('701984');
    expect(records[0]?.data['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toMatchObject({ department: 'Tour Operations' });
  });

  it('keeps request order, including repeated externalIds (the later one wins at staging)', () => {
    const records = parseBulkRequest(request(op('a', { externalId: '1', title: 'old' }), op('b', { externalId: '1', title: 'new' })), 50);
    expect(records.map((r) => r.data.title)).toEqual(['old', 'new']);
  });

  it.each<[string, unknown, string]>([
    ['no schemas', { Operations: [op('a', { externalId: '1' })] }, 'schemas'],
    ['wrong schema', { schemas: ['x'], Operations: [op('a', { externalId: '1' })] }, `schemas: must contain "${BULK}"`],
    ['no operations', { schemas: [BULK], Operations: [] }, 'Operations: must contain at least one operation'],
    ['not an object', [], 'the body must be a SCIM BulkRequest object'],
    ['missing externalId', request(op('a', { userName: 'x' })), 'Operations[0].data.externalId: is required'],
    ['empty externalId', request(op('a', { externalId: '  ' })), 'Operations[0].data.externalId: must not be empty'],
    ['numeric externalId', request(op('a', { externalId: 7 })), 'Operations[0].data.externalId'],
    ['PUT method', request({ ...op('a', { externalId: '1' }), method: 'PUT' }), 'Operations[0].method: must be "POST"'],
    ['Groups path', request({ ...op('a', { externalId: '1' }), path: '/Groups' }), 'Operations[0].path: must be "/Users"'],
    ['no bulkId', request({ method: 'POST', path: '/Users', data: { externalId: '1' } }), 'Operations[0].bulkId: is required'],
    ['bad active', request(op('a', { externalId: '1', active: 'yes' })), 'Operations[0].data.active: must be true or false'],
    ['bad emails', request(op('a', { externalId: '1', emails: 'x@y' })), 'Operations[0].data.emails: must be an array of objects'],
    ['bad extension', request(op('a', { externalId: '1', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': 'x' })), 'an extension namespace must hold an object'],
    ['operation not an object', request('x'), 'Operations[0]: must be an object'],
  ])('rejects %s, naming the field', (_, body, expected) => {
    expect(issuesOf(body).join('\n')).toContain(expected);
  });

  it('accepts a repeated bulkId, as Microsoft\'s sample repeats one', () => {
    expect(parseBulkRequest(request(op('a', { externalId: '1' }), op('a', { externalId: '2' })), 50)).toHaveLength(2);
  });

  it('lists every problem of every operation at once', () => {
    const issues = issuesOf(request(op('a', {}), op('b', { externalId: '2', active: 3 })));
    expect(issues.some((i) => i.startsWith('Operations[0].data.externalId'))).toBe(true);
    expect(issues.some((i) => i.startsWith('Operations[1].data.active'))).toBe(true);
  });

  it('refuses more operations than the job allows with a 413-class error', () => {
    const ops = Array.from({ length: 51 }, (_, i) => op(String(i), { externalId: String(i) }));
    expect(() => parseBulkRequest(request(...ops), 50)).toThrow(TooLargeError);
    expect(() => parseBulkRequest(request(...ops), 60)).not.toThrow();
  });

  it('refuses a record too large to stage', () => {
    expect(issuesOf(request(op('a', { externalId: '1', title: 'x'.repeat(40000) }))).join()).toContain('Operations[0].data: is 400');
  });
});
