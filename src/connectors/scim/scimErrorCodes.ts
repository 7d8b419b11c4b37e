/*
 * Codes are modelled on the error codes Entra's provisioning logs show for SCIM apps
 * (SystemForCrossDomainIdentityManagement...), so an Entra admin recognises them.
 */
export const SCIM_ERROR_CODES = {
  throttled: 'SystemForCrossDomainIdentityManagementThrottled',
  serverError: 'SystemForCrossDomainIdentityManagementServiceUnavailable',
  requestTimeout: 'SystemForCrossDomainIdentityManagementRequestTimeout',
  outcomeUnknown: 'SystemForCrossDomainIdentityManagementOutcomeUnknown',
  unauthorized: 'SystemForCrossDomainIdentityManagementUnauthorized',
  conflict: 'SystemForCrossDomainIdentityManagementUniqueness',
  notFound: 'SystemForCrossDomainIdentityManagementTargetNotFound',
  rejected: 'SystemForCrossDomainIdentityManagementRequestRejected',
  incompatible: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
  badResponse: 'SystemForCrossDomainIdentityManagementBadResponse',
  unreachable: 'SystemForCrossDomainIdentityManagementUnreachable',
  timeout: 'SystemForCrossDomainIdentityManagementTimeout',
  connectionLost: 'SystemForCrossDomainIdentityManagementConnectionLost',
} as const;
