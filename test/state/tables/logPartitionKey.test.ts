import { logPartitionKey, logPartitionRange } from '../../../src/state/tables/logPartitionKey';

describe('logPartitionKey', () => {
  it('gives each tenth of a second its partition, newest first in key order, all inside the job range', () => {
    const times = ['2026-11-22T06:00:00.000Z', '2026-11-22T06:00:00.099Z', '2026-11-22T06:00:00.100Z', '2026-11-22T06:00:00.999Z', '2026-11-22T06:00:01.000Z', '2026-11-22T06:00:59.500Z', '2026-11-22T06:01:00.000Z', '2027-01-01T00:00:00.000Z'];
    const keys = times.map((t) => logPartitionKey('job1', t));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[1]).not.toBe(keys[2]);
    expect(new Set(keys).size).toBe(7);
    // Later times sort first.
    const distinct = [...new Set(keys)];
    expect([...distinct].sort()).toEqual([...distinct].reverse());
    const range = logPartitionRange('job1');
    for (const key of keys) expect(key >= range.from && key < range.to).toBe(true);
    expect(logPartitionKey('job10', times[0]!) >= range.to || logPartitionKey('job10', times[0]!) < range.from).toBe(true);
  });

  it("sorts an earlier build's minute and second partitions just before that time's finer ones and after newer times", () => {
    const tenth = logPartitionKey('job1', '2026-11-22T06:00:30.250Z');
    const secondOnly = tenth.slice(0, tenth.lastIndexOf('-'));
    const minuteOnly = secondOnly.slice(0, secondOnly.lastIndexOf('-'));
    expect(minuteOnly < secondOnly && secondOnly < tenth).toBe(true);
    expect(logPartitionKey('job1', '2026-11-22T06:00:30.950Z') > secondOnly).toBe(true);
    expect(logPartitionKey('job1', '2026-11-22T06:00:31.000Z') < secondOnly).toBe(true);
    expect(logPartitionKey('job1', '2026-11-22T06:01:00.000Z') < minuteOnly).toBe(true);
    expect(logPartitionKey('job1', '2026-11-22T05:59:59.000Z') > tenth).toBe(true);
  });
});
