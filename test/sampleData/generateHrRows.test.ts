import { generateHrRows } from '../../src/sampleData/generateHrRows';
import { HR_CSV_COLUMNS } from '../../src/sampleData/hrSampleLists';
import { seededRandom } from '../../src/sampleData/seededRandom';

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: string) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
    for (const x of draw('c')) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('generateHrRows', () => {
  const { header, rows, workers } = generateHrRows({ count: 2000, seed: 'test' });
  const ids = new Set(rows.map((r) => r.WorkerID));
  const share = (predicate: (row: (typeof rows)[number]) => boolean) => rows.filter(predicate).length / rows.length;

  it('uses the 24 columns of the Microsoft sample', () => {
    expect(header).toEqual(HR_CSV_COLUMNS);
    expect(header).toHaveLength(24);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual([...HR_CSV_COLUMNS].sort());
  });

  it('is reproducible from its seed', () => {
    expect(generateHrRows({ count: 50, seed: 's' })).toEqual(generateHrRows({ count: 50, seed: 's' }));
    expect(generateHrRows({ count: 50, seed: 's' }).rows).not.toEqual(generateHrRows({ count: 50, seed: 't' }).rows);
  });

  it('writes exactly count rows, some repeating earlier workers with a change', () => {
    expect(rows).toHaveLength(2000);
    expect(ids.size).toBe(workers);
    expect(workers / 2000).toBeGreaterThan(0.85);
    expect(workers / 2000).toBeLessThan(0.97);
    const seen = new Map<string, string>();
    let changed = 0;
    for (const row of rows) {
      const text = JSON.stringify(row);
      const before = seen.get(row.WorkerID);
      if (before !== undefined && before !== text) changed++;
      seen.set(row.WorkerID, text);
    }
    expect(changed).toBeGreaterThan((2000 - workers) * 0.7);
  });

  it('has the faults of real exports, at modest rates', () => {
    const missingManager = share((r) => r.ManagerID !== '' && !ids.has(r.ManagerID));
    expect(missingManager).toBeGreaterThan(0.01);
    expect(missingManager).toBeLessThan(0.08);
    expect(share((r) => r.StreetAddress === '')).toBeGreaterThan(0.03);
    expect(share((r) => r.OfficePhone === '')).toBeGreaterThan(0.05);
    expect(share((r) => r.CountryCode === 'UK')).toBeGreaterThan(0.05);
    expect(share((r) => r.WorkerStatus === 'Inactive')).toBeLessThan(0.2);
  });

  it('keeps every worker ID unique and every login unique per worker', () => {
    const loginOf = new Map<string, string>();
    for (const row of rows) {
      expect(row.WorkerID).toMatch(/^\d{6}$/);
      expect(row.UserID).toMatch(/^[a-z]+\.[a-z]+\d*@harborvine\.example$/);
      const earlier = loginOf.get(row.UserID);
      if (earlier !== undefined) expect(earlier).toBe(row.WorkerID);
      loginOf.set(row.UserID, row.WorkerID);
    }
  });

  it.each([0, -1, 1.5])('rejects count %p', (count) => {
    expect(() => generateHrRows({ count, seed: 'x' })).toThrow(RangeError);
  });
});
