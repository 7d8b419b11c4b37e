import { bulkUploadFunction } from './functions/bulkUploadFunction';
import { jobParseExpressionFunction, parseExpressionFunction } from './functions/expressionFunctions';
import { jobPauseFunction, jobRestartFunction, jobStartFunction } from './functions/jobControlFunctions';
import { jobFunction, jobsListFunction } from './functions/jobsFunction';
import { provisionOnDemandFunction } from './functions/provisionOnDemandFunction';
import { provisioningLogsFunction } from './functions/provisioningLogsFunction';
import {
  scimBulkFunction,
  scimGroupFunction,
  scimGroupsFunction,
  scimGroupsSearchFunction,
  scimSearchFunction,
  scimUserFunction,
  scimUsersFunction,
  scimUsersSearchFunction,
} from './functions/scimServiceFunctions';
import { scimResourceTypeFunction, scimResourceTypesFunction, scimSchemaFunction, scimSchemasFunction, scimServiceProviderConfigFunction } from './functions/scimDiscoveryFunctions';
import type { HttpFunctionDefinition } from './httpFunctionDefinition';

/**
 * Every HTTP function, for the local host. functions/ registers each of these with the Azure runtime.
 *
 * Who may call what (each definition's `authentication`, test/app/httpFunctionAuthentication.test.ts):
 * - IDBRIDGE_TOKEN (`inbound`): bulkUpload, the HR platform's only route.
 * - IDBRIDGE_TOKEN or an Entra JWT (`self`, docs/scim-auth.md): every /scim/v2 route, discovery included.
 * - IDBRIDGE_ADMIN_TOKEN (`admin`, the default): the management API, everything else under /api/jobs (jobs
 *   list, PUT/GET job, start, pause, restart, provisionOnDemand, provisioningLogs, schema/parseExpression) and
 *   /api/expressions/parse. Writing a job decides where target secrets are sent; reading logs and testing
 *   expressions show directory data; so none of it goes with the token every HR platform holds.
 */
export const httpFunctions: readonly HttpFunctionDefinition[] = [
  bulkUploadFunction,
  jobsListFunction,
  jobFunction,
  provisioningLogsFunction,
  jobStartFunction,
  jobPauseFunction,
  jobRestartFunction,
  provisionOnDemandFunction,
  // The .search routes before {id}, so that a router matching in order never takes ".search" for an id.
  scimUsersFunction,
  scimUsersSearchFunction,
  scimUserFunction,
  scimGroupsFunction,
  scimGroupsSearchFunction,
  scimGroupFunction,
  scimSearchFunction,
  scimBulkFunction,
  scimServiceProviderConfigFunction,
  scimSchemasFunction,
  scimSchemaFunction,
  scimResourceTypesFunction,
  scimResourceTypeFunction,
  parseExpressionFunction,
  jobParseExpressionFunction,
];
