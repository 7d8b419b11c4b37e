import { app } from '@azure/functions';
import { parseExpressionFunction as f } from '../src/app/functions/expressionFunctions';
import { azureHttpHandler } from '../src/app/processServices';

app.http(f.name, { methods: f.methods, route: f.route, authLevel: 'anonymous', handler: azureHttpHandler(f) });
