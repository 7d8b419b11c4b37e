import { app } from '@azure/functions';
import { jobPauseFunction as f } from '../src/app/functions/jobControlFunctions';
import { azureHttpHandler } from '../src/app/processServices';

app.http(f.name, { methods: f.methods, route: f.route, authLevel: 'anonymous', handler: azureHttpHandler(f) });
