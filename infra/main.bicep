// idbridge on Azure: one Function App (Flex Consumption) plus what it needs. Deployed by `azd up`.
// Every resource comes from a pinned Azure Verified Module; docs/deploy.md explains each one.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; it names the resource group and seeds the unique resource token.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline running azd. Gets Key Vault Secrets Officer so it can rotate the API tokens; leave empty to grant nothing.')
param principalId string = ''

@secure()
@minLength(16)
@description('Inbound bearer token: what the HR platform sends to bulkUpload and Entra to /scim/v2 (16 characters or more). Stored only in Key Vault as secret idbridge-token.')
param idbridgeToken string

// A second, different secret: whoever may define jobs decides where target tokens are sent, so the management
// API must not open to the token every HR platform and Entra tenant holds (docs/api.md#authentication). The
// app refuses to start its endpoints when the two are equal.
@secure()
@minLength(16)
@description('Admin bearer token for the management API (/api/jobs), different from idbridgeToken (16 characters or more). Stored only in Key Vault as secret idbridge-admin-token.')
param idbridgeAdminToken string

@description('Upper bound for Flex Consumption scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per Flex Consumption instance.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('When true, Application Insights accepts only Entra-authenticated telemetry (the host sends it as the managed identity).')
param disableAppInsightsLocalAuth bool = true

var abbrs = loadJsonContent('./abbreviations.json')
// Names must be stable across re-deployments of one environment and unique across subscriptions.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// The queue the reconcile worker listens on. Must equal the code's default for IDBRIDGE_RECONCILE_QUEUE
// (test/infra/settingsConsistency.test.ts checks it).
var reconcileQueueName = 'reconcile'
var tokenSecretName = 'idbridge-token'
var adminTokenSecretName = 'idbridge-admin-token'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// One user-assigned identity for everything the app touches, so role assignments exist before the app
// does and survive re-creating it.
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.12.0' = {
  name: 'log-analytics'
  scope: rg
  params: {
    name: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    location: location
    tags: tags
  }
}

module appInsights 'br/public:avm/res/insights/component:0.7.1' = {
  name: 'app-insights'
  scope: rg
  params: {
    name: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: disableAppInsightsLocalAuth
    roleAssignments: [
      {
        // Lets the host send telemetry with the identity instead of the instrumentation key.
        roleDefinitionIdOrName: 'Monitoring Metrics Publisher'
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.31.0' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    kind: 'StorageV2'
    skuName: 'Standard_LRS'
    // Keys and SAS are off: the host, the deployment and idbridge itself all use the identity.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    blobServices: {
      // Flex Consumption runs the zip that azd uploads here.
      containers: [
        {
          name: deploymentContainerName
        }
      ]
    }
    roleAssignments: [
      {
        // Deployment package container and the host's own blobs (timer leases, keys).
        roleDefinitionIdOrName: 'Storage Blob Data Owner'
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
      {
        // Jobs, watermarks, links, staged objects, provisioning logs (tables named IDBRIDGE_TABLE_PREFIX*).
        roleDefinitionIdOrName: 'Storage Table Data Contributor'
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
      {
        // The Storage-queue work-queue adapter (IDBRIDGE_QUEUE_KIND=storageQueue) and host bookkeeping queues.
        roleDefinitionIdOrName: 'Storage Queue Data Contributor'
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

module serviceBus 'br/public:avm/res/service-bus/namespace:0.16.1' = {
  name: 'service-bus'
  scope: rg
  params: {
    name: '${abbrs.serviceBusNamespaces}${resourceToken}'
    location: location
    tags: tags
    skuObject: {
      name: 'Standard'
    }
    // The module defaults to zone redundancy, which only Premium offers.
    zoneRedundant: false
    disableLocalAuth: true
    queues: [
      {
        name: reconcileQueueName
        // The runtime abandons a message when the handler throws; after 10 deliveries it is dead-lettered
        // for an operator to inspect and replay (DESIGN principle 5).
        maxDeliveryCount: 10
        lockDuration: 'PT1M'
        deadLetteringOnMessageExpiration: true
      }
    ]
    roleAssignments: [
      {
        // HTTP and timer functions enqueue reconcile messages.
        roleDefinitionIdOrName: 'Azure Service Bus Data Sender'
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
      {
        // The Service Bus trigger receives and settles them.
        roleDefinitionIdOrName: 'Azure Service Bus Data Receiver'
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
      }
    ]
  }
}

module keyVault 'br/public:avm/res/key-vault/vault:0.13.3' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    // Short retention and no purge protection so `azd down --purge` can free the name for a redeploy.
    softDeleteRetentionInDays: 7
    enablePurgeProtection: false
    secrets: [
      {
        name: tokenSecretName
        value: idbridgeToken
      }
      {
        name: adminTokenSecretName
        value: idbridgeAdminToken
      }
    ]
    roleAssignments: concat(
      [
        {
          // Read-only access to secret values, used to resolve the IDBRIDGE_TOKEN and IDBRIDGE_ADMIN_TOKEN Key Vault references.
          roleDefinitionIdOrName: 'Key Vault Secrets User'
          principalId: identity.outputs.principalId
          principalType: 'ServicePrincipal'
        }
      ],
      empty(principalId)
        ? []
        : [
            {
              // The operator rotates the tokens in place (docs/deploy.md).
              roleDefinitionIdOrName: 'Key Vault Secrets Officer'
              principalId: principalId
            }
          ]
    )
  }
}

module plan 'br/public:avm/res/web/serverfarm:0.5.0' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    skuName: 'FC1'
    // Flex Consumption is Linux only.
    reserved: true
    zoneRedundant: false
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}api-${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    planResourceId: plan.outputs.resourceId
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: appInsights.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    tokenSecretName: tokenSecretName
    adminTokenSecretName: adminTokenSecretName
    // serviceBusEndpoint looks like https://<namespace>.servicebus.windows.net:443/; keep only the host name.
    serviceBusFullyQualifiedNamespace: split(split(serviceBus.outputs.serviceBusEndpoint, '/')[2], ':')[0]
    reconcileQueueName: reconcileQueueName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
// Not named AZURE_CLIENT_ID: azd exports outputs to its environment, where that name would steer local SDKs.
output AZURE_API_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output SERVICEBUS_NAMESPACE string = serviceBus.outputs.name
output IDBRIDGE_RECONCILE_QUEUE string = reconcileQueueName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = appInsights.outputs.connectionString
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
