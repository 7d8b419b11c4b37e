import type { AttributeChange } from '../connectors/targetConnector';
import type { JsonObject } from '../domain/identityObject';
import type { ModifiedProperty } from '../domain/provisioningLogEntry';

/** Entra's skip reasons that the planner can give (reference/entra-engine.md §4, §11.3). */
export type SkipReason = 'NotEffectivelyEntitled' | 'RedundantExport' | 'ImportSkipped' | 'NoObjectMapping';

/** What to do with one object: the planner's output, carried out by the reconcile use case. */
export type ReconcileDecision =
  | { action: 'create'; resource: JsonObject; modifiedProperties: ModifiedProperty[] }
  | { action: 'update'; targetId: string; changes: AttributeChange[]; modifiedProperties: ModifiedProperty[] }
  | { action: 'skip'; reason: SkipReason; description: string };
