import { ValidationError } from '../../domain/errors';
import { isJsonObject, type JsonObject } from '../../domain/identityObject';

/** A string property holds 32,768 UTF-16 characters and an entity at most 1 MiB: at most ~15 full chunks. */
const CHUNK_CHARS = 32_000;
const MAX_CHUNKS = 14;

export type ChunkProperties = Record<`r${number}`, string>;

/** The resource's JSON split over properties `r0..rN`. */
export function toChunks(resource: JsonObject): ChunkProperties {
  const json = JSON.stringify(resource);
  const count = Math.max(1, Math.ceil(json.length / CHUNK_CHARS));
  if (count > MAX_CHUNKS) {
    throw new ValidationError([{ path: '', message: `the resource is too large to store (${json.length} characters of JSON)` }], { scimType: 'invalidValue' });
  }
  const chunks: ChunkProperties = {};
  for (let i = 0; i < count; i++) chunks[`r${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  return chunks;
}

export function fromChunks(entity: Record<string, unknown>): JsonObject {
  let json = '';
  for (let i = 0; typeof entity[`r${i}`] === 'string'; i++) json += entity[`r${i}`] as string;
  const parsed: unknown = JSON.parse(json);
  if (!isJsonObject(parsed)) throw new Error(`stored resource ${String(entity.rowKey)} is not a JSON object`);
  return parsed;
}
