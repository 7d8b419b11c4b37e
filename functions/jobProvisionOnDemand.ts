import { app } from '@azure/functions';
import { provisionOnDemandFunction as f } from '../src/app/functions/provisionOnDemandFunction';
import { azureHttpHandler } from '../src/app/processServices';

app.http(f.name, { methods: f.methods, route: f.route, authLevel: 'anonymous', handler: azureHttpHandler(f) });
