import { matchRoute } from '../../src/local/matchRoute';

describe('matchRoute', () => {
  it.each<[string, string, Record<string, string> | undefined]>([
    ['api/jobs/{jobId}/bulkUpload', '/api/jobs/hr-demo/bulkUpload', { jobId: 'hr-demo' }],
    ['api/jobs/{jobId}/bulkUpload', '/API/Jobs/hr-demo/BULKUPLOAD', { jobId: 'hr-demo' }],
    ['api/jobs/{jobId}', '/api/jobs/a%20b', { jobId: 'a b' }],
    ['api/jobs/{jobId}', '/api/jobs', undefined],
    ['api/jobs/{jobId?}', '/api/jobs', {}],
    ['api/jobs', '/api/jobs/x', undefined],
    ['scim/v2/Users/{id}', '/scim/v2/Users/%E0%A4%A', undefined],
    ['scim/v2/Users', '/scim/v2/Groups', undefined],
  ])('%s ~ %s', (template, path, expected) => {
    expect(matchRoute(template, path)).toEqual(expected);
  });
});
