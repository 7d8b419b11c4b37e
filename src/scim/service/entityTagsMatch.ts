/**
 * Whether an If-Match / If-None-Match header names `version`: `*`, or a comma-separated list of entity tags
 * compared weakly (RFC 9110 §8.8.3.2: `W/"x"` and `"x"` match), since every version here is weak (RFC 7644 §3.14).
 */
export function entityTagsMatch(header: string, version: string): boolean {
  const wanted = opaque(version);
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || (trimmed !== '' && opaque(trimmed) === wanted);
  });
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
