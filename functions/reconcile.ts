import { app } from '@azure/functions';
import { reconcileFunction as f } from '../src/app/functions/reconcileFunction';
import { processServices } from '../src/app/processServices';

app.serviceBusQueue(f.name, {
  connection: f.connection,
  queueName: f.queueName,
  handler: async (message, context) => f.create(await processServices())(message, context),
});
