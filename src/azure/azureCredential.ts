import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';

/**
 * The credential for identity-based access to Storage and Service Bus. With a user-assigned managed
 * identity, AZURE_CLIENT_ID says which one; without it DefaultAzureCredential picks the system identity
 * (in Azure) or the developer's login (locally).
 */
export function createAzureCredential(managedIdentityClientId?: string): TokenCredential {
  return managedIdentityClientId ? new DefaultAzureCredential({ managedIdentityClientId }) : new DefaultAzureCredential();
}
