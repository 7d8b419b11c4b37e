import { app } from '@azure/functions';
import { scimUserFunction as f } from '../src/app/functions/scimServiceFunctions';
import { azureHttpHandler } from '../src/app/processServices';

app.http(f.name, { methods: f.methods, route: f.route, authLevel: 'anonymous', handler: azureHttpHandler(f) });
