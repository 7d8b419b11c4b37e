import { z } from 'zod';

/**
 * A job definition: where identities come from, where they go and how attributes map.
 * Field names follow Microsoft Graph's synchronization schema (objectMappings, attributeMappings,
 * source.expression, targetAttributeName, matchingPriority, flowType, defaultValue, scope.groups[].clauses[])
 * so that an Entra admin recognises them. Secrets never live here: `tokenSetting` names an app setting.
 */

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** App-setting names: letters, digits and underscores (what Azure app settings and env vars allow portably). */
export const settingName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an app setting (letters, digits, underscores), not the secret itself');

/**
 * Target tokens come only from app settings named `IDBRIDGE_TARGET_TOKEN_*`. Anyone who may write jobs could
 * otherwise name any setting (the storage connection string, idbridge's own token) and have it sent, as a
 * bearer token, to a target URL of their choosing.
 */
export const TARGET_TOKEN_SETTING_PREFIX = 'IDBRIDGE_TARGET_TOKEN_';
export const targetTokenSetting = z
  .string()
  .regex(/^IDBRIDGE_TARGET_TOKEN_[A-Za-z0-9_]+$/, `must name an app setting that starts with IDBRIDGE_TARGET_TOKEN_ (e.g. IDBRIDGE_TARGET_TOKEN_APP) and holds the token; never the token itself`);

export const jobId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be 1-100 letters, digits, dots, dashes or underscores, starting with a letter or digit');

export const attributeMappingSource = z.object({
  /** An expression in Entra's language: `[externalId]`, `"constant"`, `Join(" ", [a], [b])`. */
  expression: nonEmpty.max(10000, 'is longer than the 10,000 characters Entra allows'),
  name: z.string().optional(),
  type: z.enum(['Attribute', 'Constant', 'Function']).optional(),
});

export const attributeMapping = z.object({
  source: attributeMappingSource.nullable().default(null),
  targetAttributeName: nonEmpty,
  /** 0 = not used for matching; otherwise lowest first (Entra's "matching precedence"). */
  matchingPriority: z.number().int().min(0).default(0),
  flowType: z.enum(['Always', 'ObjectAddOnly']).default('Always'),
  /** Used when the source value is null, on create only (Entra's "Default value if null"). */
  defaultValue: z.string().nullable().default(null),
});

/**
 * Every operator of Entra's scoping filters, spelled as Graph and the portal spell them
 * (reference/entra-engine.md §2.2); src/engine/compileScopingClause.ts gives each its meaning.
 */
export const scopingOperator = z.enum([
  'EQUALS',
  'NOT EQUALS',
  'IS TRUE',
  'IS FALSE',
  'IS NULL',
  'IS NOT NULL',
  'REGEX MATCH',
  'NOT REGEX MATCH',
  'Greater_Than',
  'Greater_Than_OR_EQUALS',
  'Includes',
  'ENDS_WITH',
  '&',
  '!&',
]);

export const scopingClause = z.object({
  sourceOperandName: nonEmpty,
  operatorName: scopingOperator,
  targetOperand: z.object({ values: z.array(z.string()).default([]) }).default({ values: [] }),
});

export const scopingFilterGroup = z.object({
  /** Graph's label for the group ("Sales only"); shown in logs, no effect on evaluation. */
  name: z.string().optional(),
  clauses: z.array(scopingClause).min(1, 'a group needs at least one clause'),
});

/**
 * Clauses are ANDed within a group; groups are ORed. No groups = everything is in scope.
 * `inputFilterGroups` and `categoryFilterGroups` are Graph's experimental filters (§2.4): accepted so that a
 * schema exported from Entra imports, but validateJobDefinition rejects them when non-empty, because
 * ignoring a filter would silently widen the scope.
 */
export const scopingFilter = z.object({
  groups: z.array(scopingFilterGroup).default([]),
  inputFilterGroups: z.array(scopingFilterGroup).default([]),
  categoryFilterGroups: z.array(scopingFilterGroup).default([]),
});

export const objectMapping = z.object({
  name: nonEmpty,
  enabled: z.boolean().default(true),
  sourceObjectName: nonEmpty.default('User'),
  targetObjectName: nonEmpty.default('urn:ietf:params:scim:schemas:core:2.0:User'),
  /**
   * Entra's target object actions ("Add, Update, Delete" by default): clearing Add stops creates, Update
   * stops updates and disables, Delete stops deletes; existing objects are otherwise unaffected.
   */
  flowTypes: z
    .string()
    .default('Add, Update, Delete')
    .refine((text) => text.split(',').every((part) => ['add', 'update', 'delete', ''].includes(part.trim().toLowerCase())), 'must list Add, Update and/or Delete, separated by commas'),
  attributeMappings: z.array(attributeMapping).min(1, 'needs at least one attribute mapping'),
  scope: scopingFilter.nullable().default(null),
});

export const inboundApiSource = z.object({ type: z.literal('inboundApi') });

/**
 * Source tokens come only from app settings named `IDBRIDGE_SOURCE_TOKEN_*`, for the reason target tokens do
 * (TARGET_TOKEN_SETTING_PREFIX): whoever writes jobs must not be able to send another setting to a URL.
 */
export const SOURCE_TOKEN_SETTING_PREFIX = 'IDBRIDGE_SOURCE_TOKEN_';
export const sourceTokenSetting = z
  .string()
  .regex(/^IDBRIDGE_SOURCE_TOKEN_[A-Za-z0-9_]+$/, 'must name an app setting that starts with IDBRIDGE_SOURCE_TOKEN_ (e.g. IDBRIDGE_SOURCE_TOKEN_HR) and holds the token; never the token itself');

/**
 * `{type: "scim"}` without `baseUrl` is the built-in directory: writes into idbridge's own SCIM service are
 * the changes (src/gateway), and cycles read its change feed. With `baseUrl` (and `tokenSetting`) it is a
 * pull source: an external SCIM app read page by page on the job's schedule (src/sources/scim).
 * isBuiltInDirectorySource is the one place that tells the two apart.
 */
export const scimSource = z
  .strictObject({
    type: z.literal('scim'),
    baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://hr.example.com/scim/v2' }).optional(),
    tokenSetting: sourceTokenSetting.optional(),
    /** Resources asked for per page (SCIM `count`); the source may return fewer. */
    pageSize: z.number().int().min(1).max(1000).default(100),
    /** Per-request timeout. */
    timeoutInMs: z.number().int().min(100).max(120000).default(30000),
  })
  .superRefine((source, ctx) => {
    if (source.baseUrl !== undefined && source.tokenSetting === undefined) ctx.addIssue({ code: 'custom', path: ['tokenSetting'], message: 'is required with baseUrl: the app setting (IDBRIDGE_SOURCE_TOKEN_*) that holds the source\'s bearer token' });
    if (source.baseUrl === undefined && source.tokenSetting !== undefined) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'is required with tokenSetting; {"type": "scim"} alone is the built-in directory' });
  });

export const jobSource = z.discriminatedUnion('type', [inboundApiSource, scimSource], {
  error: 'must be {"type": "inboundApi"} (bulk uploads), {"type": "scim"} (the built-in SCIM directory) or {"type": "scim", "baseUrl", "tokenSetting"} (an external SCIM app)',
});

/** ISO 8601 durations as Graph writes them (PT40M, P1D, PT6H30M); weeks and years are not needed here. */
export const isoDuration = z.string().regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration such as PT40M, PT6H or P1D');

/** Graph's synchronizationSchedule: how often cycles run. */
export const jobSchedule = z.object({
  /** Time between the start of one cycle and the next (Entra: fixed at 40 minutes). */
  interval: isoDuration.default('PT40M'),
  /**
   * Longest time between two full reads of a source whose reads of changes carry no deletions (SCIM's
   * `meta.lastModified gt` filter, the built-in directory's store): an object deleted there is found only by a
   * full read's sweep (absent from the read), so once this has passed since the last full read, the next
   * incremental cycle reads everything and sweeps (src/cycles/planCycleStart.ts). Entra's own connectors find
   * deletions through their directories' change feeds; idbridge cannot, so this bounds how late it notices.
   */
  fullReadInterval: isoDuration.default('P1D'),
});

export const scimTarget = z.object({
  type: z.literal('scim'),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://app.example.com/scim/v2' }),
  tokenSetting: targetTokenSetting,
  /** Per-request timeout; a create that times out is "outcome unknown" and re-matched before any retry. */
  timeoutInMs: z.number().int().min(100).max(120000).default(30000),
  /** Requests in flight to this target at once from one worker. */
  maxConcurrency: z.number().int().min(1).max(64).default(8),
  /**
   * Send creates through the target's `/Bulk` endpoint (RFC 7644 §3.7), several per request, when its
   * ServiceProviderConfig says `bulk.supported`: copy its `maxOperations` and `maxPayloadSize` here. Entra never
   * uses /Bulk; idbridge batches where a target allows it (src/connectors/scim/scimBulkCreates.ts). Absent: one
   * POST per create, as Entra.
   */
  bulk: z
    .object({
      maxOperations: z.number().int().min(2).max(1000).default(50),
      maxPayloadBytes: z.number().int().min(16_384).max(67_108_864).default(1_048_576),
    })
    .optional(),
});

export const jobSettings = z.object({
  /** Operations accepted in one bulk upload (Entra: 50); at most 100. */
  maxBulkOperations: z.number().int().min(1).max(100).default(50),
  /** Attempts for transient target failures before the object is logged as failed. */
  maxAttempts: z.number().int().min(1).max(50).default(8),
  /** What DefaultDomain() returns in this job's expressions (Entra: the tenant's default verified domain). */
  defaultDomain: z.string().trim().min(1).optional(),
  /** Entra's SkipOutOfScopeDeletions: objects that leave scope are left alone instead of disabled. */
  skipOutOfScopeDeletions: z.boolean().default(false),
  /** Provisioning log entries older than this are deleted daily (Entra keeps 30 days with P1/P2). */
  logRetentionInDays: z.number().int().min(1).max(3650).default(30),
  /**
   * Deletes plus disables allowed per cycle (Entra's "accidental delete threshold"; cloud sync and Connect
   * default to 500). The one that would reach it is held back as a StagedDelete, and so is every later one,
   * and the job is quarantined with reason TooManyDeletes until an operator restarts it with ForceDeletes.
   * 0 turns the protection off.
   */
  accidentalDeletionThreshold: z.number().int().min(0).max(1_000_000).default(500),
  /**
   * Retry delays for objects in escrow, after each failed attempt (Entra: 6 h, 12 h, 24 h, then every 24 h),
   * the last repeated until `escrowMaxAge` after the first failure, when the object is given up.
   */
  escrowSchedule: z.array(isoDuration).min(1).default(['PT6H', 'PT12H', 'PT24H']),
  escrowMaxAge: isoDuration.default('P28D'),
  /** Quarantine thresholds (Entra's escrow-threshold algorithm, reference/entra-engine.md §8.3). */
  quarantine: z
    .object({
      /** Failures in a cycle before the proportion and total checks apply. */
      minimumFailures: z.number().int().min(1).default(5000),
      /** Quarantine when more than this share of a cycle's objects failed. */
      failureProportion: z.number().min(0).max(1).default(0.4),
      /** Quarantine past this many failures (reference failures excluded). */
      maximumFailures: z.number().int().min(1).default(40000),
      /** Quarantine past this many failures, reference failures included. */
      absoluteMaximumFailures: z.number().int().min(1).default(60000),
      /** Cycle interval while quarantined (Entra slows to once a day). */
      interval: isoDuration.default('P1D'),
      /** In quarantine longer than this, the job is disabled. */
      disableAfter: isoDuration.default('P28D'),
    })
    .default(() => ({ minimumFailures: 5000, failureProportion: 0.4, maximumFailures: 40000, absoluteMaximumFailures: 60000, interval: 'P1D', disableAfter: 'P28D' })),
});

export const jobDefinitionSchema = z.object({
  id: jobId,
  displayName: z.string().optional(),
  source: jobSource,
  target: scimTarget,
  settings: jobSettings.default(() => jobSettings.parse({})),
  schedule: jobSchedule.default(() => jobSchedule.parse({})),
  objectMappings: z.array(objectMapping).min(1, 'needs at least one object mapping'),
});

export type AttributeMapping = z.infer<typeof attributeMapping>;
export type ObjectMapping = z.infer<typeof objectMapping>;
export type ScopingFilter = z.infer<typeof scopingFilter>;
export type ScopingClause = z.infer<typeof scopingClause>;
export type ScopingOperator = z.infer<typeof scopingOperator>;
export type JobSource = z.infer<typeof jobSource>;
export type ScimTargetDefinition = z.infer<typeof scimTarget>;
export type JobSettings = z.infer<typeof jobSettings>;
export type JobSchedule = z.infer<typeof jobSchedule>;
export type ScimSourceDefinition = z.infer<typeof scimSource>;
export type JobDefinition = z.infer<typeof jobDefinitionSchema>;
