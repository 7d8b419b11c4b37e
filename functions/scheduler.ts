import { app } from '@azure/functions';
import { schedulerFunction as f } from '../src/app/functions/schedulerFunction';
import { processServices } from '../src/app/processServices';

app.timer(f.name, { schedule: f.schedule, handler: async (_timer, context) => f.create(await processServices())(context) });
