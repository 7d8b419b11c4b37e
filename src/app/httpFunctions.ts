import { bulkUploadFunction } from './functions/bulkUploadFunction';
import { jobParseExpressionFunction, parseExpressionFunction } from './functions/expressionFunctions';
import { jobFunction, jobsListFunction } from './functions/jobsFunction';
import { provisioningLogsFunction } from './functions/provisioningLogsFunction';
import { scimUserFunction, scimUsersFunction } from './functions/scimUsersFunction';
import { scimResourceTypeFunction, scimResourceTypesFunction, scimSchemaFunction, scimSchemasFunction, scimServiceProviderConfigFunction } from './functions/scimDiscoveryFunctions';
import type { HttpFunctionDefinition } from './httpFunctionDefinition';

/** Every HTTP function, for the local host. functions/ registers each of these with the Azure runtime. */
export const httpFunctions: readonly HttpFunctionDefinition[] = [
  bulkUploadFunction,
  jobsListFunction,
  jobFunction,
  provisioningLogsFunction,
  scimUsersFunction,
  scimUserFunction,
  scimServiceProviderConfigFunction,
  scimSchemasFunction,
  scimSchemaFunction,
  scimResourceTypesFunction,
  scimResourceTypeFunction,
  parseExpressionFunction,
  jobParseExpressionFunction,
];
