import { z } from 'zod';

/*
 * The parts of a synchronization schema exported from Entra (`GET /servicePrincipals/{id}/synchronization/jobs/
 * {jobId}/schema`, reference/entra-engine.md §2.4, §3.1, §3.2) that an import reads. Read loosely: exports carry
 * nulls for unset fields and many keys idbridge has no use for (directories, metadata), which are ignored.
 */

/** Graph's attributeMappingSource: a tree whose Function nodes list their arguments as keyed parameters. */
export interface EntraMappingSource {
  expression?: string | null | undefined;
  name?: string | null | undefined;
  type?: string | null | undefined;
  parameters?: { key?: string | null | undefined; value?: EntraMappingSource | null | undefined }[] | null | undefined;
}

export const entraMappingSource: z.ZodType<EntraMappingSource> = z.lazy(() =>
  z.object({
    expression: z.string().nullish(),
    name: z.string().nullish(),
    type: z.string().nullish(),
    parameters: z.array(z.object({ key: z.string().nullish(), value: entraMappingSource.nullish() })).nullish(),
  }),
);

const entraClause = z.object({
  operatorName: z.string().nullish(),
  sourceOperandName: z.string().nullish(),
  targetOperand: z.object({ values: z.array(z.string()).nullish() }).nullish(),
});

export const entraFilterGroup = z.object({ name: z.string().nullish(), clauses: z.array(entraClause).nullish() });

export const entraAttributeMapping = z.object({
  source: entraMappingSource.nullish(),
  targetAttributeName: z.string().nullish(),
  matchingPriority: z.number().nullish(),
  flowType: z.string().nullish(),
  defaultValue: z.string().nullish(),
  flowBehavior: z.string().nullish(),
  exportMissingReferences: z.boolean().nullish(),
});

export const entraObjectMapping = z.object({
  name: z.string().nullish(),
  enabled: z.boolean().nullish(),
  flowTypes: z.string().nullish(),
  sourceObjectName: z.string().nullish(),
  targetObjectName: z.string().nullish(),
  attributeMappings: z.array(entraAttributeMapping).nullish(),
  scope: z
    .object({
      groups: z.array(entraFilterGroup).nullish(),
      inputFilterGroups: z.array(entraFilterGroup).nullish(),
      categoryFilterGroups: z.array(entraFilterGroup).nullish(),
    })
    .nullish(),
  metadata: z.array(z.unknown()).nullish(),
});

export const entraSynchronizationRule = z.object({
  id: z.string().nullish(),
  name: z.string().nullish(),
  sourceDirectoryName: z.string().nullish(),
  targetDirectoryName: z.string().nullish(),
  objectMappings: z.array(entraObjectMapping).nullish(),
});

export const entraSynchronizationSchema = z.object({
  id: z.string().nullish(),
  directories: z.array(z.unknown()).nullish(),
  synchronizationRules: z.array(entraSynchronizationRule).min(1, 'holds no synchronization rule: is this an exported synchronization schema?'),
});

export type EntraFilterGroup = z.infer<typeof entraFilterGroup>;
export type EntraAttributeMapping = z.infer<typeof entraAttributeMapping>;
export type EntraObjectMapping = z.infer<typeof entraObjectMapping>;
export type EntraSynchronizationSchema = z.infer<typeof entraSynchronizationSchema>;
