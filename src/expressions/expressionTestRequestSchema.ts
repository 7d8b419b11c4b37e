import { z } from 'zod';

/*
 * The body of Graph's synchronizationSchema: parseExpression (reference/entra-engine.md §1.6):
 * `{expression, testInputObject: {definition, properties: [{key, value}]}, targetAttributeDefinition}`.
 * A property's value is a string (Graph's own sample sends "false"/"true" as text), a number, a boolean, null,
 * or a list for a multi-valued attribute, which Graph marks with `"value@odata.type": "#Collection(String)"`.
 */

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const expressionTestProperty = z.object({
  key: z.string().min(1, 'must name the attribute'),
  value: z.union([scalar, z.array(scalar)]),
  'value@odata.type': z.string().optional(),
});

export const expressionTestInputObject = z.object({
  /** Graph's objectDefinition of the test object; accepted for compatibility, not needed to evaluate. */
  definition: z.unknown().optional(),
  properties: z.array(expressionTestProperty).default([]),
});

export const expressionTestRequestSchema = z.object({
  expression: z.string({ error: 'is required: the expression to parse, e.g. Join(" ", [givenName], [surname])' }),
  /** Optional, as in Graph: without it the expression is only parsed. */
  testInputObject: expressionTestInputObject.nullish(),
  /** Graph's attributeDefinition of the target attribute; accepted for compatibility and ignored. */
  targetAttributeDefinition: z.unknown().optional(),
});

export type ExpressionTestProperty = z.infer<typeof expressionTestProperty>;
export type ExpressionTestRequest = z.input<typeof expressionTestRequestSchema>;
