// The idbridge Function App on Flex Consumption, and every app setting it reads.
// test/infra/settingsConsistency.test.ts parses `var appSettings` below: every name in
// src/config/appSettings.ts (appSettingNames) must appear there, so keep it a flat object literal.

param name string
param location string
param tags object

@description('Flex Consumption (FC1) plan to host the app.')
param planResourceId string

@description('User-assigned identity the app runs as; it holds every data-plane role.')
param identityResourceId string
param identityClientId string

param storageAccountName string
@description('Blob container that receives the deployment package.')
param deploymentContainerName string

param appInsightsConnectionString string

@description('Vault URI with trailing slash, e.g. https://kv-x.vault.azure.net/')
param keyVaultUri string
param tokenSecretName string
@description('Key Vault secret that holds the admin token of the management API (IDBRIDGE_ADMIN_TOKEN).')
param adminTokenSecretName string

@description('Host name of the Service Bus namespace, e.g. sb-x.servicebus.windows.net')
param serviceBusFullyQualifiedNamespace string
param reconcileQueueName string

@description('Prefix for every table idbridge creates.')
param tablePrefix string = 'idb'

param maximumInstanceCount int
param instanceMemoryMB int

var storageSuffix = environment().suffixes.storage

// Values must be strings. No secret appears here: the tokens are Key Vault references resolved by the
// platform with the user-assigned identity (keyVaultAccessIdentityResourceId below).
var appSettings = {
  // Functions host storage, identity-based (the account has shared keys disabled).
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId

  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // Telemetry is authenticated with the identity, so the app works when local auth is disabled.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

  // Versionless secret URI: the app follows the newest version after a rotation.
  IDBRIDGE_TOKEN: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${tokenSecretName})'
  // The management API's own token (docs/api.md#authentication), resolved the same way.
  IDBRIDGE_ADMIN_TOKEN: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${adminTokenSecretName})'
  IDBRIDGE_QUEUE_KIND: 'serviceBus'
  IDBRIDGE_RECONCILE_QUEUE: reconcileQueueName
  IDBRIDGE_TABLE_PREFIX: tablePrefix
  // SCIM clients authenticate with the bearer token by default; set these to accept Entra-issued JWTs.
  IDBRIDGE_SCIM_AUTH: 'token'
  IDBRIDGE_SCIM_JWT_ISSUER: ''
  IDBRIDGE_SCIM_JWT_AUDIENCE: ''
  IDBRIDGE_SCIM_JWKS_URI: ''
  // Custom SCIM extension schemas (JSON array); none by default.
  IDBRIDGE_SCIM_SCHEMA_EXTENSIONS: ''
  // Empty on purpose: in Azure idbridge reaches Tables and Queues through the endpoints below with the
  // managed identity. A connection string is only for Azurite on the local host.
  IDBRIDGE_STORAGE_CONNECTION: ''
  IDBRIDGE_TABLE_ENDPOINT: 'https://${storageAccountName}.table.${storageSuffix}'
  IDBRIDGE_QUEUE_ENDPOINT: 'https://${storageAccountName}.queue.${storageSuffix}'

  // `SERVICEBUS_CONNECTION` is the connection name of the Service Bus trigger; these three make it
  // identity-based. idbridge's own sender reads the namespace from the same setting.
  SERVICEBUS_CONNECTION__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  SERVICEBUS_CONNECTION__credential: 'managedidentity'
  SERVICEBUS_CONNECTION__clientId: identityClientId

  // DefaultAzureCredential picks the user-assigned identity through this.
  AZURE_CLIENT_ID: identityClientId
}

module site 'br/public:avm/res/web/site:0.19.4' = {
  name: 'site'
  params: {
    name: name
    location: location
    tags: tags
    kind: 'functionapp,linux'
    serverFarmResourceId: planResourceId
    httpsOnly: true
    managedIdentities: {
      userAssignedResourceIds: [
        identityResourceId
      ]
    }
    // Key Vault references resolve with this identity instead of a system-assigned one.
    keyVaultAccessIdentityResourceId: identityResourceId
    // azd deploys with an Entra token; nobody needs publishing passwords.
    basicPublishingCredentialsPolicies: [
      {
        name: 'ftp'
        allow: false
      }
      {
        name: 'scm'
        allow: false
      }
    ]
    siteConfig: {
      // Flex Consumption scales to zero; Always On does not apply.
      alwaysOn: false
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${storageSuffix}/${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
    configs: [
      {
        name: 'appsettings'
        properties: appSettings
      }
    ]
  }
}

output name string = site.outputs.name
output uri string = 'https://${site.outputs.defaultHostname}'
