/**
 * A job that pulls users from one SCIM app into another, matching on userName: the shape the cycle benchmark
 * and the crash test both run. Tokens come from `IDBRIDGE_SOURCE_TOKEN_<name>` and `IDBRIDGE_TARGET_TOKEN_<name>`.
 */
export function scimToScimJob(sourceUrl: string, targetUrl: string, options: { displayName: string; tokenName: string; maxConcurrency: number; bulk?: { maxOperations: number } }): unknown {
  const attr = (expression: string, targetAttributeName: string, matchingPriority = 0) => ({ source: { expression }, targetAttributeName, matchingPriority });
  return {
    displayName: options.displayName,
    source: { type: 'scim', baseUrl: sourceUrl, tokenSetting: `IDBRIDGE_SOURCE_TOKEN_${options.tokenName}`, pageSize: 500 },
    target: { type: 'scim', baseUrl: targetUrl, tokenSetting: `IDBRIDGE_TARGET_TOKEN_${options.tokenName}`, maxConcurrency: options.maxConcurrency, ...(options.bulk ? { bulk: options.bulk } : {}) },
    objectMappings: [
      {
        name: 'users',
        sourceObjectName: 'User',
        attributeMappings: [
          attr('[userName]', 'userName', 1),
          attr('[externalId]', 'externalId'),
          attr('[active]', 'active'),
          attr('[displayName]', 'displayName'),
          attr('[name.givenName]', 'name.givenName'),
          attr('[name.familyName]', 'name.familyName'),
          attr('[title]', 'title'),
        ],
      },
    ],
  };
}
