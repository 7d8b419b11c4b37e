import { handleWorkMessage } from '../../src/app/handleWorkMessage';
import { ValidationError } from '../../src/domain/errors';
import { createAzuriteServices } from '../support/azuriteServices';

describe('handleWorkMessage (Azurite)', () => {
  it('dispatches cycle messages to the cycle handler and the rest to the reconcile handler, from objects or JSON text', async () => {
    const { services } = await createAzuriteServices();
    const cycle = { kind: 'cycle', jobId: 'gone', cycleId: 'c1', page: 0 };
    expect(await handleWorkMessage(services, cycle)).toEqual({ kind: 'cycle', jobId: 'gone', cycleId: 'c1', page: 0, result: { outcome: 'unknownJob' } });
    expect(await handleWorkMessage(services, JSON.stringify(cycle))).toMatchObject({ kind: 'cycle', result: { outcome: 'unknownJob' } });
    const reconcile = { kind: 'reconcile', jobId: 'gone', objectType: 'User', sourceKeys: ['a'], cycleId: 'c1', attempt: 1 };
    expect(await handleWorkMessage(services, reconcile)).toMatchObject({ kind: 'reconcile', result: { unknownJob: 'gone' } });
  });

  it.each([
    ['a cycle message without a page', { kind: 'cycle', jobId: 'j', cycleId: 'c' }],
    ['a cycle message with a negative page', { kind: 'cycle', jobId: 'j', cycleId: 'c', page: -1 }],
    ['an unknown kind', { kind: 'mystery', jobId: 'j' }],
    ['text that is not JSON', 'not json'],
  ])('rejects %s, so that it is dead-lettered', async (_name, body) => {
    const { services } = await createAzuriteServices();
    await expect(handleWorkMessage(services, body)).rejects.toThrow(ValidationError);
  });
});
