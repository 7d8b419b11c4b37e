import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../src/domain/errors';
import { IDBRIDGE_USER_EXTENSION, parseCsvMapping } from '../../src/inbound/csvMapping';
import { csvToBulkRequests } from '../../src/inbound/csvToBulkRequests';
import { SCIM_CORE_USER, SCIM_ENTERPRISE_USER } from '../../src/scim/scimSchemas';

// shared/ sits beside the repository, as in a fresh clone of the workspace.
const sampleCsv = path.resolve(__dirname, '../../../shared/data/entra-samples/csv-with-1000-records.csv');

describe("csvToBulkRequests on Microsoft's 1000-record sample", () => {
  const conversion = csvToBulkRequests(readFileSync(sampleCsv, 'utf8'), { keepSupersededRows: true });
  const operations = conversion.requests.flatMap((r) => r.Operations);

  it('reads every row and keeps the repeated workers when asked to', () => {
    expect(conversion.recordsRead).toBe(1000);
    expect(conversion.skipped).toEqual([]);
    expect(conversion.superseded).toBe(0);
    expect(operations).toHaveLength(1000);
    expect(new Set(operations.map((op) => op.data.externalId)).size).toBe(624);
  });

  it('batches in 50s', () => {
    expect(conversion.requests.map((r) => r.Operations.length)).toEqual(Array(20).fill(50));
  });

  it('by default sends only the last row of each worker, in the order of those last rows', () => {
    const latest = csvToBulkRequests(readFileSync(sampleCsv, 'utf8'));
    const sent = latest.requests.flatMap((r) => r.Operations);
    expect(sent).toHaveLength(624);
    expect(latest.superseded).toBe(376);
    const lastRow = new Map<unknown, unknown>();
    for (const op of operations) lastRow.set(op.data.externalId, op.data);
    for (const op of sent) expect(op.data).toEqual(lastRow.get(op.data.externalId));
    const positions = sent.map((op) => operations.map((o) => o.data).lastIndexOf(lastRow.get(op.data.externalId) as never));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('gives every row an externalId and keeps file order', () => {
    for (const op of operations) expect(op.data.externalId).toMatch(/^\d+$/);
    expect(operations.slice(0, 3).map((op) => op.data.externalId)).toEqual(['1222', '1727', '1513']);
  });

  it('maps row 2 (WorkerID 1727, no street address) as expected', () => {
    // 1727,Inactive,Contractor,EMP1727,Myriam,Durware,Myriam Durware,HE/HIM,1405,2017-03-09,True,Sales,Electronics,CC3035,
    // Woodgrove,Europe,Vice President,,Chicago,DE,259-915-1098,T1001,,53965
    expect(operations[1]?.data).toEqual({
      schemas: [SCIM_CORE_USER, SCIM_ENTERPRISE_USER, IDBRIDGE_USER_EXTENSION],
      externalId: '1727',
      userName: 'EMP1727',
      displayName: 'Myriam Durware',
      name: { givenName: 'Myriam', familyName: 'Durware' },
      active: false,
      userType: 'Contractor',
      title: 'Vice President',
      addresses: [{ type: 'work', locality: 'Chicago', postalCode: '53965', country: 'DE' }],
      phoneNumbers: [{ type: 'work', value: '259-915-1098' }],
      [SCIM_ENTERPRISE_USER]: { employeeNumber: '1727', department: 'Sales', division: 'Electronics', costCenter: 'CC3035', organization: 'Woodgrove', manager: { value: '1405' } },
      [IDBRIDGE_USER_EXTENSION]: { HireDate: '2017-03-09', OnLeave: true, GenderPronoun: 'HE/HIM', Location: 'Europe', Custom01: 'T1001' },
    });
  });

  it('passes odd country codes through untouched (cleaning is the mapping\'s job, not the uploader\'s)', () => {
    const countries = new Set(operations.map((op) => (op.data.addresses as { country?: string }[] | undefined)?.[0]?.country));
    expect(countries).toContain('UK');
  });
});

describe('csvToBulkRequests', () => {
  it('skips rows without an externalId and names their lines', () => {
    const conversion = csvToBulkRequests('Id,Name\n1,a\n,b\n"3",c\n', { mapping: parseCsvMapping({ externalId: 'Id', displayName: 'Name' }) });
    expect(conversion.recordsRead).toBe(3);
    expect(conversion.skipped).toEqual([{ line: 3, reason: 'no externalId (its column is empty)' }]);
    expect(conversion.requests[0]?.Operations.map((op) => op.data.externalId)).toEqual(['1', '3']);
  });

  it('refuses a file that lacks a mapped column', () => {
    expect(() => csvToBulkRequests('Id\n1\n')).toThrow(ValidationError);
    expect(() => csvToBulkRequests('Id\n1\n')).toThrow(/externalId: the CSV has no column "WorkerID"/);
  });
});
