import type { AttributeChange } from '../connectors/targetConnector';
import type { JsonObject } from '../domain/identityObject';
import type { ModifiedProperty } from '../domain/provisioningLogEntry';
import type { ScimPath } from '../scim/scimPath';

/** Entra's skip reasons that the planner can give (reference/entra-engine.md §4, §11.3). */
export type SkipReason = 'NotEffectivelyEntitled' | 'RedundantExport' | 'ImportSkipped' | 'NoObjectMapping' | 'FlowTypeNotEnabled';

/** An attribute whose value is the first of its candidates that the target does not hold yet (SelectUniqueValue). */
export interface UniqueValueChoice {
  targetAttributeName: string;
  path: ScimPath;
  candidates: string[];
  redacted: boolean;
}

/** What to do with one object: the planner's output, carried out by the reconcile use case. */
export type ReconcileDecision =
  | { action: 'create'; resource: JsonObject; modifiedProperties: ModifiedProperty[]; uniqueChoices: UniqueValueChoice[] }
  /** An update; `disables` when it turns the target account off (logged as Entra's disable). */
  | { action: 'update'; targetId: string; changes: AttributeChange[]; modifiedProperties: ModifiedProperty[]; disables: boolean }
  | { action: 'delete'; targetId: string }
  | { action: 'skip'; reason: SkipReason; description: string };
