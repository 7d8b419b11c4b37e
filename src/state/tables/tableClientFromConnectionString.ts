import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';

/** Clients built here for an http endpoint; `submitBatch` sends their transactions over http too. */
const insecureClients = new WeakSet<TableClient>();

/**
 * A TableClient from a connection string. Azurite serves http, and the SDK refuses to send a shared key over
 * http unless told this is intended: only a connection string that itself names an http endpoint (or the
 * development storage shortcut) allows it, never a TokenCredential endpoint.
 */
export function tableClientFromConnectionString(connectionString: string, tableName: string, options: TableServiceClientOptions = {}): TableClient {
  const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(connectionString);
  const clientOptions: TableServiceClientOptions = insecure ? { ...options, allowInsecureConnection: true } : options;
  const client = TableClient.fromConnectionString(connectionString, tableName, clientOptions);
  if (insecure) insecureClients.add(client);
  return client;
}

/** Whether `client` was built for an http endpoint on purpose (the SDK keeps that flag private). */
export function allowsInsecureConnection(client: TableClient): boolean {
  return insecureClients.has(client);
}
