/**
 * The syntax tree of Entra's attribute-mapping expression language (reference/entra-engine.md §1.1).
 * A bare `[attribute]` or `"constant"` is a whole expression, as in Graph's attributeMappingSource.
 */
export type ExpressionNode =
  | { kind: 'attribute'; name: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; text: string; position: number }
  /** A bare identifier such as `vbTextCompare`. */
  | { kind: 'identifier'; name: string; position: number }
  | { kind: 'call'; name: string; args: (ExpressionNode | null)[]; position: number }
  | { kind: 'comparison'; operator: ComparisonOperator; left: ExpressionNode; right: ExpressionNode; position: number };

export type ComparisonOperator = '=' | '<>' | '>' | '>=' | '<' | '<=';

/** Entra rejects longer expressions (reference/entra-engine.md §1.1). */
export const MAX_EXPRESSION_LENGTH = 10000;
