import type { ExpressionFunction } from './expressionFunction';
import { basicFunctions } from './functions/basicFunctions';
import { dateFunctions } from './functions/dateFunctions';
import { logicFunctions } from './functions/logicFunctions';
import { multiValueFunctions } from './functions/multiValueFunctions';
import { textFunctions } from './functions/textFunctions';

/**
 * The function library, keyed by Entra's case-sensitive names (reference/entra-engine.md §1.2). Each group
 * lives in src/expressions/functions/. Every function a job references is checked against this table when
 * the job is saved.
 */
export const expressionFunctions: ReadonlyMap<string, ExpressionFunction> = new Map(Object.entries({ ...basicFunctions, ...dateFunctions, ...logicFunctions, ...multiValueFunctions, ...textFunctions }));
