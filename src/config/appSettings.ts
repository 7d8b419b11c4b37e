import { z } from 'zod';
import { ValidationError } from '../domain/errors';

/**
 * Every app setting the product reads, in one schema, parsed once (STYLE: config). In Azure these are
 * Function App settings (secrets as Key Vault references); on the local host the local host sets them.
 * Jobs name further settings for their target tokens (`target.tokenSetting`); those are read through
 * `readSecretSetting` and never logged.
 * test/infra/settingsConsistency.test.ts checks that every name here appears in infra/main.bicep and in
 * local.settings.sample.json.
 */
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().optional());

/** A bearer token setting: required, at least 16 characters (both are compared in constant time). */
const bearerTokenSetting = (purpose: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string({ error: `is required: ${purpose}` }).min(16, 'must be at least 16 characters'));

export const appSettingsSchema = z.object({
  /**
   * The inbound token: what the HR platform presents to POST /api/jobs/{id}/bulkUpload and what Entra pastes as
   * "Secret Token" for /scim/v2 (docs/api.md#authentication). It only feeds data in.
   */
  IDBRIDGE_TOKEN: bearerTokenSetting('the bearer token for bulk upload and the SCIM service'),
  /**
   * The admin token: what the management API (/api/jobs, its actions and logs, /api/expressions) requires. Kept
   * apart from IDBRIDGE_TOKEN because a job definition says where target secrets are sent (`target.baseUrl`
   * with `target.tokenSetting`): whoever may PUT a job can have idbridge hand them any target token, so that
   * right must not come with the credential every HR platform and Entra tenant holds.
   */
  IDBRIDGE_ADMIN_TOKEN: bearerTokenSetting('the bearer token for the management API (/api/jobs)'),
  /** Which work-queue adapter: Service Bus in Azure, Storage Queues on the local host. */
  IDBRIDGE_QUEUE_KIND: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['serviceBus', 'storageQueue']).default('serviceBus')),
  /** Name of the reconcile queue (Service Bus queue or Storage queue). */
  IDBRIDGE_RECONCILE_QUEUE: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'must be a lowercase queue name').default('reconcile')),
  /** Prefix for every table idbridge creates, so several instances can share one storage account. */
  IDBRIDGE_TABLE_PREFIX: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'must be letters and digits, starting with a letter').default('idb')),
  /** Storage connection string (Azurite locally). In Azure leave empty and set the two endpoints instead. */
  IDBRIDGE_STORAGE_CONNECTION: optionalText,
  /** https://<account>.table.core.windows.net, used with the managed identity. */
  IDBRIDGE_TABLE_ENDPOINT: optionalText,
  /** https://<account>.queue.core.windows.net, used with the managed identity (Storage-queue adapter only). */
  IDBRIDGE_QUEUE_ENDPOINT: optionalText,
  /** Service Bus namespace for identity-based access, the same setting the Functions trigger binding reads. */
  SERVICEBUS_CONNECTION__fullyQualifiedNamespace: optionalText,
  /** Client id of the user-assigned managed identity that DefaultAzureCredential should use. */
  AZURE_CLIENT_ID: optionalText,
  /** How SCIM clients authenticate to /scim/v2: the bearer token, an Entra-issued JWT, or either. */
  IDBRIDGE_SCIM_AUTH: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['token', 'jwt', 'tokenOrJwt']).default('token')),
  /** Expected `iss` of Entra-issued JWTs, e.g. https://sts.windows.net/<tenant-id>/ (required for jwt modes). */
  IDBRIDGE_SCIM_JWT_ISSUER: optionalText,
  /** Expected `aud` of Entra-issued JWTs: the application ID URI or client id Entra requests tokens for. */
  IDBRIDGE_SCIM_JWT_AUDIENCE: optionalText,
  /** Where the tenant's signing keys are (JWKS), e.g. https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys. */
  IDBRIDGE_SCIM_JWKS_URI: optionalText,
  /** Custom SCIM extension schemas the built-in directory accepts, as a JSON array (docs/scim.md). */
  IDBRIDGE_SCIM_SCHEMA_EXTENSIONS: optionalText,
});

export type AppSettings = Readonly<z.infer<typeof appSettingsSchema>>;

/** The names of every app setting the code reads (for the infra consistency test). */
export const appSettingNames: readonly string[] = Object.keys(appSettingsSchema.shape);

export function parseAppSettings(env: Record<string, string | undefined>): AppSettings {
  const picked: Record<string, string | undefined> = {};
  for (const name of appSettingNames) picked[name] = env[name];
  const result = appSettingsSchema.safeParse(picked);
  if (!result.success) {
    throw new ValidationError(
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const settings = result.data;
  const problems: { path: string; message: string }[] = [];
  if (settings.IDBRIDGE_ADMIN_TOKEN.trim() === settings.IDBRIDGE_TOKEN.trim()) {
    // One value for both would give every holder of the inbound token the management API again.
    problems.push({ path: 'IDBRIDGE_ADMIN_TOKEN', message: 'must differ from IDBRIDGE_TOKEN: the admin token guards the management API, the inbound token only feeds data in' });
  }
  if (!settings.IDBRIDGE_STORAGE_CONNECTION && !settings.IDBRIDGE_TABLE_ENDPOINT) {
    problems.push({ path: 'IDBRIDGE_TABLE_ENDPOINT', message: 'set it (managed identity) or IDBRIDGE_STORAGE_CONNECTION' });
  }
  if (settings.IDBRIDGE_QUEUE_KIND === 'storageQueue' && !settings.IDBRIDGE_STORAGE_CONNECTION && !settings.IDBRIDGE_QUEUE_ENDPOINT) {
    problems.push({ path: 'IDBRIDGE_QUEUE_ENDPOINT', message: 'set it (managed identity) or IDBRIDGE_STORAGE_CONNECTION for the storageQueue adapter' });
  }
  if (settings.IDBRIDGE_QUEUE_KIND === 'serviceBus' && !settings.SERVICEBUS_CONNECTION__fullyQualifiedNamespace) {
    problems.push({ path: 'SERVICEBUS_CONNECTION__fullyQualifiedNamespace', message: 'is required for the serviceBus queue kind (e.g. mybus.servicebus.windows.net)' });
  }
  if (settings.IDBRIDGE_SCIM_AUTH !== 'token') {
    for (const name of ['IDBRIDGE_SCIM_JWT_ISSUER', 'IDBRIDGE_SCIM_JWT_AUDIENCE', 'IDBRIDGE_SCIM_JWKS_URI'] as const) {
      if (!settings[name]) problems.push({ path: name, message: `is required when IDBRIDGE_SCIM_AUTH is ${settings.IDBRIDGE_SCIM_AUTH}` });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return Object.freeze(settings);
}

/** Reads a secret named by a job (e.g. `target.tokenSetting`). The value must never reach a log. */
export function readSecretSetting(env: Record<string, string | undefined>, name: string): string | undefined {
  // Defence in depth: job validation already allows only these names (see targetTokenSetting).
  if (!name.startsWith('IDBRIDGE_TARGET_TOKEN_')) return undefined;
  const value = env[name];
  return value && value.trim() !== '' ? value : undefined;
}

/** For logs and diagnostics: the settings with every secret replaced. */
export function redactAppSettings(settings: AppSettings): Record<string, string | undefined> {
  const secretish = /TOKEN|CONNECTION$|KEY|SECRET|PASSWORD/i;
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(settings)) {
    out[name] = value !== undefined && secretish.test(name) ? '[Redacted]' : (value as string | undefined);
  }
  return out;
}
