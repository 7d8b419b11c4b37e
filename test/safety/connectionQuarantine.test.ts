import { SCIM_ERROR_CODES } from '../../src/connectors/scim/scimErrorCodes';
import { PermanentError, TransientError } from '../../src/domain/errors';
import { safetyHarness } from './support/safetyHarness';

const unauthorized = (): PermanentError => new PermanentError('SCIM target answered 401 to GET /Users; check the target\'s secret token and its permissions', { code: SCIM_ERROR_CODES.unauthorized });

describe('quarantine when the target refuses the credentials or cannot be reached (EncounteredQuarantineException)', () => {
  it('quarantines once a message\'s every object failed so, and lifts it on the next successful write', async () => {
    const h = await safetyHarness();
    for (const key of ['1', '2', '3', '4']) await h.stage(key);
    for (let i = 0; i < 3; i++) h.target.failNext('findByAttribute', unauthorized());
    expect(await h.handle(h.message(['1', '2', '3']))).toMatchObject({ logged: 3, escrowed: 3 });

    const { state } = await h.services.jobStates.get(h.job.id);
    expect(state.code).toBe('Quarantine');
    expect(state.quarantine).toMatchObject({
      reason: 'EncounteredQuarantineException',
      currentBegan: '2026-11-21T10:00:00.000Z',
      nextAttempt: '2026-11-22T10:00:00.000Z',
      error: { code: SCIM_ERROR_CODES.unauthorized, message: expect.stringContaining('secret token') },
    });

    // The token was fixed: the next write succeeds, and "any success ends quarantine" (§7).
    h.at(1);
    await h.handle(h.message(['4']));
    const after = (await h.services.jobStates.get(h.job.id)).state;
    expect(after.quarantine).toBeUndefined();
    expect(after.code).toBe('Active');
  });

  it('counts the objects that gave up after fast retries because the target could not be reached', async () => {
    const h = await safetyHarness({ maxAttempts: 1 });
    for (const key of ['1', '2', '3']) await h.stage(key);
    for (const key of ['1', '2', '3']) {
      h.target.failNext('findByAttribute', new TransientError('SCIM target could not connect during GET /Users', { code: SCIM_ERROR_CODES.unreachable }));
      await h.handle(h.message([key]));
    }
    expect((await h.services.jobStates.get(h.job.id)).state.quarantine?.reason).toBe('EncounteredQuarantineException');
  });

  it('does not quarantine while as many objects of the cycle succeed', async () => {
    const h = await safetyHarness();
    for (const key of ['1', '2', '3', '4', '5', '6']) await h.stage(key);
    await h.handle(h.message(['1', '2', '3']));
    for (let i = 0; i < 3; i++) h.target.failNext('findByAttribute', unauthorized());
    await h.handle(h.message(['4', '5', '6']));
    // Three refusals against three successes in the same window: not "most calls fail".
    expect((await h.services.jobStates.get(h.job.id)).state.quarantine).toBeUndefined();
  });

  it('does not quarantine for other failures of every object', async () => {
    const h = await safetyHarness();
    for (const key of ['1', '2', '3']) await h.stage(key);
    for (let i = 0; i < 3; i++) h.target.failNext('create', new PermanentError('bad value', { code: SCIM_ERROR_CODES.rejected }));
    await h.handle(h.message(['1', '2', '3']));
    expect((await h.services.jobStates.get(h.job.id)).state.quarantine).toBeUndefined();
  });
});
