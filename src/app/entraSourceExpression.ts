import type { EntraMappingSource } from './entraSynchronizationSchema';

/*
 * Graph lists a Function's arguments as keyed parameters and leaves omitted optional ones out, so for functions
 * whose optional parameters sit between required ones the position of each key must be known. Graph's keys
 * differ from the documented parameter names (Replace: `source`, `Find`, `Replacement` in Graph's
 * parseExpression sample, reference/entra-engine.md §1.6), so both spellings are listed. Every other function
 * takes its parameters in the order Graph lists them.
 */
const POSITIONS: Readonly<Record<string, { width: number; keys: Readonly<Record<string, number>> }>> = {
  Replace: {
    width: 7,
    keys: { source: 0, oldvalue: 1, find: 1, regexpattern: 2, regexgroupname: 3, replacementvalue: 4, replacement: 4, replacementattributename: 5, template: 6 },
  },
  FormatDateTime: { width: 4, keys: { source: 0, datetimestyles: 1, inputformat: 2, outputformat: 3 } },
};

/** A string constant in the expression language: `\` and `"` escaped with a backslash (reference §1.1). */
export function quoteConstant(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The expression text of an attributeMappingSource: its `expression` when present, else built from `name`,
 * `type` and `parameters` the way Graph renders them (`Replace([x], "-", , , "_", , )`). Throws an Error
 * saying what is missing when the source cannot be rendered.
 */
export function entraSourceExpression(source: EntraMappingSource): string {
  const written = source.expression?.trim();
  if (written) return written;
  const name = source.name ?? '';
  switch (source.type) {
    case 'Attribute':
      if (!name) throw new Error('an Attribute source without a name');
      return `[${name}]`;
    case 'Constant':
      return quoteConstant(name);
    case 'Function':
      return functionText(name, source.parameters ?? []);
    default:
      throw new Error(`a source of type '${String(source.type)}' without an expression`);
  }
}

function functionText(name: string, parameters: NonNullable<EntraMappingSource['parameters']>): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`a Function source named '${name}', which is no function name`);
  const args = parameters.map((p) => {
    if (!p.value) throw new Error(`${name}'s parameter '${p.key ?? ''}' has no value`);
    return { key: (p.key ?? '').toLowerCase(), text: entraSourceExpression(p.value) };
  });
  const positions = POSITIONS[name];
  if (!positions) return `${name}(${args.map((a) => a.text).join(', ')})`;
  const slots: string[] = new Array<string>(positions.width).fill('');
  for (const arg of args) {
    const index = positions.keys[arg.key];
    if (index === undefined) throw new Error(`${name} has no parameter '${arg.key}' that idbridge knows the position of`);
    slots[index] = arg.text;
  }
  // Empty slots render as nothing between commas, exactly as Entra writes omitted arguments.
  return `${name}(${slots.join(', ')})`;
}
