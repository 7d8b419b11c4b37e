import { EscrowError, PermanentError, TransientError } from '../../src/domain/errors';
import { initialJobState } from '../../src/domain/jobState';
import { safetyHarness } from './support/safetyHarness';

const HOUR = 3_600_000;

describe('escrow, end to end: handler, Azurite tables and queue, failing memory target', () => {
  it('escrows a failure the target can resolve (every unique candidate taken) at once, retries it 6 h and then 12 h later on a scheduled message, and ends the escrow on success', async () => {
    const h = await safetyHarness({}, { passThrough: true });
    await h.stage('1');
    h.target.failNext('create', new EscrowError('every candidate value is taken', { code: 'SelectUniqueValueExhausted' }));

    expect(await h.handle(h.message(['1']))).toEqual({ logged: 1, retried: 0, escrowed: 1 });
    const [first, ...none] = h.takeSent();
    expect(none).toEqual([]);
    expect(first).toEqual({
      message: h.message(['1'], { attempt: 1, escrow: { firstFailedAt: '2026-11-21T10:00:00.000Z', failures: 1, epoch: 0 }, notBefore: '2026-11-21T16:00:00.000Z' }),
      delayInMs: 6 * HOUR,
    });
    const [failed] = await h.logs();
    expect(failed?.provisioningStatusInfo).toMatchObject({
      status: 'failure',
      errorInformation: {
        errorCode: 'SelectUniqueValueExhausted',
        errorCategory: 'NonServiceFailure',
        additionalDetails: 'in escrow, failing since 2026-11-21T10:00:00.000Z (escrowed failure 1); next retry at 2026-11-21T16:00:00.000Z',
      },
    });
    // Scheduled, not sleeping: the message is in the queue and invisible until its time.
    expect(await h.azuriteQueue.approximateMessageCount()).toBe(1);
    expect(await h.azuriteQueue.receive(1, 1000)).toEqual([]);

    // Six hours later the retry fails again: next in 12 hours, counted from the same first failure.
    h.at(6);
    h.target.failNext('create', new EscrowError('still taken', { code: 'SelectUniqueValueExhausted' }));
    expect(await h.handle(first?.message ?? h.message(['1']))).toMatchObject({ logged: 1, escrowed: 1 });
    const [second] = h.takeSent();
    expect(second).toEqual({
      message: h.message(['1'], { escrow: { firstFailedAt: '2026-11-21T10:00:00.000Z', failures: 2, epoch: 0 }, notBefore: '2026-11-22T04:00:00.000Z' }),
      delayInMs: 12 * HOUR,
    });

    // The data was fixed meanwhile: the next retry creates the object, and nothing more is scheduled.
    h.at(18);
    expect(await h.handle(second?.message ?? h.message(['1']))).toEqual({ logged: 1, retried: 0, escrowed: 0 });
    expect(h.takeSent()).toEqual([]);
    expect((await h.logs())[0]).toMatchObject({ provisioningAction: 'create', provisioningStatusInfo: { status: 'success' } });
    expect(h.target.objects.size).toBe(1);
  });

  it('keeps fast retries for transient failures up to maxAttempts, then escrows, and gives each escrow retry fast retries again', async () => {
    const h = await safetyHarness({ maxAttempts: 3 });
    await h.stage('1');
    for (let i = 0; i < 3; i++) h.target.failNext('findByAttribute', new TransientError('connection reset'));

    expect(await h.handle(h.message(['1']))).toEqual({ logged: 0, retried: 1, escrowed: 0 });
    const [retry] = h.takeSent();
    expect(retry).toEqual({ message: h.message(['1'], { attempt: 2 }), delayInMs: 1000 });
    await h.handle(h.message(['1'], { attempt: 2 }));
    h.takeSent();
    expect(await h.handle(h.message(['1'], { attempt: 3 }))).toEqual({ logged: 1, retried: 0, escrowed: 1 });
    const [escrowed] = h.takeSent();
    expect(escrowed?.message).toMatchObject({ attempt: 1, escrow: { failures: 1 } });
    expect((await h.logs())[0]?.provisioningStatusInfo.errorInformation).toMatchObject({ errorCategory: 'Transient', additionalDetails: expect.stringMatching(/^Gave up after 3 attempt\(s\); in escrow/) });

    // The escrow retry meets one more transient failure: a fast retry that still carries the escrow.
    h.at(6);
    h.target.failNext('findByAttribute', new TransientError('connection reset'));
    expect(await h.handle(escrowed?.message ?? h.message(['1']))).toMatchObject({ retried: 1 });
    expect(h.takeSent()).toEqual([{ message: { ...h.message(['1'], { attempt: 2, escrow: { firstFailedAt: '2026-11-21T10:00:00.000Z', failures: 1, epoch: 0 } }) }, delayInMs: 1000 }]);
  });

  it('schedules again, without reconciling, an escrow retry that a capped queue delivered early', async () => {
    const h = await safetyHarness({ escrowSchedule: ['P10D'], escrowMaxAge: 'P28D' });
    await h.stage('1');
    const early = h.message(['1'], { escrow: { firstFailedAt: '2026-11-21T10:00:00.000Z', failures: 1, epoch: 0 }, notBefore: '2026-12-01T10:00:00.000Z' });
    // Storage Queues hold a message at most 7 days: it arrives 3 days early.
    h.at(7 * 24);
    expect(await h.handle(early)).toEqual({ logged: 0, retried: 0, escrowed: 0, setAside: 'early' });
    expect(h.takeSent()).toEqual([{ message: early, delayInMs: 3 * 24 * HOUR }]);
    expect(h.target.calls).toEqual([]);
    // Within a minute of its time it is handled (clock skew between instances is no early delivery).
    h.at(10 * 24 - 1 / 120);
    expect(await h.handle(early)).toMatchObject({ logged: 1 });
  });

  it('drops an escrow retry scheduled before a restart with Escrows (an older epoch)', async () => {
    const h = await safetyHarness();
    await h.stage('1');
    await h.services.jobStates.put({ ...initialJobState(h.job.id), code: 'Active', escrowEpoch: 1 }, '');
    const stale = h.message(['1'], { escrow: { firstFailedAt: '2026-11-21T04:00:00.000Z', failures: 1, epoch: 0 } });
    expect(await h.handle(stale)).toEqual({ logged: 0, retried: 0, escrowed: 0, setAside: 'staleEscrow' });
    expect(h.target.calls).toEqual([]);
    expect(await h.logs()).toEqual([]);

    // A new escrow carries the job's epoch now.
    h.target.failNext('create', new EscrowError('taken', { code: 'SelectUniqueValueExhausted' }));
    await h.handle(h.message(['1']));
    expect(h.takeSent()[0]?.message.escrow).toMatchObject({ epoch: 1, failures: 1 });
  });

  it('drops the object from escrow with a last entry once the next retry would pass escrowMaxAge', async () => {
    const h = await safetyHarness();
    await h.stage('1');
    h.target.failNext('create', new EscrowError('taken', { code: 'SelectUniqueValueExhausted' }));
    // First failed 27 days and 1 hour ago: a retry in 24 h would come after 28 days.
    const old = h.message(['1'], { escrow: { firstFailedAt: '2026-10-25T09:00:00.000Z', failures: 28, epoch: 0 } });
    expect(await h.handle(old)).toEqual({ logged: 1, retried: 0, escrowed: 0 });
    expect(h.takeSent()).toEqual([]);
    expect((await h.logs())[0]?.provisioningStatusInfo.errorInformation).toMatchObject({
      errorCode: 'SelectUniqueValueExhausted',
      additionalDetails: 'dropped from escrow, failing since 2026-10-25T09:00:00.000Z (escrowed failure 29): no retry after escrowMaxAge P28D',
      recommendedAction: expect.stringContaining('restart the job'),
    });
  });

  it('does not escrow a data error (DESIGN principle 4): one failure entry that says it is not retried, no message', async () => {
    const h = await safetyHarness({}, { passThrough: true });
    await h.stage('1');
    h.target.failNext('create', new PermanentError('a required attribute is missing', { code: 'MandatoryFieldsMissing' }));
    expect(await h.handle(h.message(['1']))).toEqual({ logged: 1, retried: 0, escrowed: 0 });
    expect(h.takeSent()).toEqual([]);
    expect((await h.logs())[0]?.provisioningStatusInfo.errorInformation).toMatchObject({ errorCode: 'MandatoryFieldsMissing', additionalDetails: expect.stringContaining('Not retried') });
  });
});
