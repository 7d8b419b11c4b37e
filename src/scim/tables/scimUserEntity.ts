import { ValidationError } from '../../domain/errors';
import { isJsonObject, type JsonObject } from '../../domain/identityObject';

/** A string property holds 32,768 UTF-16 characters; an entity at most 1 MiB, so at most ~15 full chunks. */
const CHUNK_CHARS = 32_000;
const MAX_CHUNKS = 14;

/** The users-table row: PK = escaped id, RK = ''; the resource JSON split over `resource0..N`. */
export interface ScimUserEntity {
  partitionKey: string;
  rowKey: string;
  id: string;
  userName: string;
  externalId?: string;
  [chunk: `resource${number}`]: string;
}

export function resourceChunks(resource: JsonObject): Record<`resource${number}`, string> {
  const json = JSON.stringify(resource);
  const count = Math.max(1, Math.ceil(json.length / CHUNK_CHARS));
  if (count > MAX_CHUNKS) {
    throw new ValidationError([{ path: '', message: `the user is too large to store (${json.length} characters of JSON)` }], { scimType: 'invalidValue' });
  }
  const chunks: Record<`resource${number}`, string> = {};
  for (let i = 0; i < count; i++) chunks[`resource${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  return chunks;
}

export function resourceFromEntity(entity: Record<string, unknown>): JsonObject {
  let json = '';
  for (let i = 0; typeof entity[`resource${i}`] === 'string'; i++) json += entity[`resource${i}`] as string;
  const parsed: unknown = JSON.parse(json);
  if (!isJsonObject(parsed)) throw new Error(`stored user ${String(entity.id)} is not a JSON object`);
  return parsed;
}
