import type { ExpressionNode } from './expressionAst';

/** What the planner needs to know about an expression without evaluating it. */
export interface ExpressionFacts {
  /** Calls Redact somewhere: the value flows, but logs show it masked. */
  redacted: boolean;
  /** The whole expression is SelectUniqueValue(...): its value is a list of candidates to check against the target. */
  selectsUniqueValue: boolean;
  /** Source attributes read anywhere in the expression. */
  attributes: string[];
  /** Source attributes read inside a Redact(...) call: masked in the import step as well. */
  redactedAttributes: string[];
}

export function expressionFacts(node: ExpressionNode | null): ExpressionFacts {
  const facts: ExpressionFacts = { redacted: false, selectsUniqueValue: node?.kind === 'call' && node.name === 'SelectUniqueValue', attributes: [], redactedAttributes: [] };
  const visit = (n: ExpressionNode, insideRedact: boolean): void => {
    if (n.kind === 'attribute') {
      facts.attributes.push(n.name);
      if (insideRedact) facts.redactedAttributes.push(n.name);
    } else if (n.kind === 'call') {
      const redacts = insideRedact || n.name === 'Redact';
      if (n.name === 'Redact') facts.redacted = true;
      for (const arg of n.args) if (arg) visit(arg, redacts);
    } else if (n.kind === 'comparison') {
      visit(n.left, insideRedact);
      visit(n.right, insideRedact);
    }
  };
  if (node) visit(node, false);
  return facts;
}
