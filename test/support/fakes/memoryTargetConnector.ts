import { randomUUID } from 'node:crypto';
import type { AttributeChange, ListsObjects, ManagesMembers, TargetConnector, TargetObject, TargetObjectPage } from '../../../src/connectors/targetConnector';
import { isJsonObject, type JsonObject } from '../../../src/domain/identityObject';
import { getPathValue, parseScimPath, removePathValue, setPathValue } from '../../../src/scim/scimPath';

type Call = 'getById' | 'findByAttribute' | 'listPage' | 'create' | 'update' | 'delete' | 'getMemberIds' | 'addMembers' | 'removeMembers';

/** An in-memory SCIM-like target for use-case tests; `failNext` injects one failure per call name. */
export class MemoryTargetConnector implements TargetConnector, ManagesMembers, ListsObjects {
  readonly displayName = 'memory target';
  readonly objects = new Map<string, JsonObject>();
  readonly calls: string[] = [];
  readonly failures: Partial<Record<Call, Error[]>> = {};

  failNext(call: Call, error: Error): void {
    (this.failures[call] ??= []).push(error);
  }

  private maybeFail(call: Call): void {
    this.calls.push(call);
    const next = this.failures[call]?.shift();
    if (next) throw next;
  }

  async getById(_type: string, id: string): Promise<TargetObject | undefined> {
    this.maybeFail('getById');
    const data = this.objects.get(id);
    return data ? { id, data: structuredClone(data) } : undefined;
  }

  async findByAttribute(_type: string, attributePath: string, value: string): Promise<TargetObject[]> {
    this.maybeFail('findByAttribute');
    const path = parseScimPath(attributePath);
    return [...this.objects.entries()]
      .filter(([, data]) => {
        const actual = getPathValue(data, path);
        return actual !== undefined && actual !== null && String(actual).toLowerCase() === value.toLowerCase();
      })
      .map(([id, data]) => ({ id, data: structuredClone(data) }));
  }

  /** Pages in insertion order; the cursor is the offset of the next page. Like SCIM, groups come without members. */
  async listPage(_type: string, cursor: string | undefined, count: number): Promise<TargetObjectPage> {
    this.maybeFail('listPage');
    const offset = cursor === undefined ? 0 : Number(cursor);
    const page = [...this.objects.entries()].slice(offset, offset + count).map(([id, data]) => {
      const { members: _members, ...rest } = structuredClone(data);
      return { id, data: rest };
    });
    const next = offset + page.length;
    return next < this.objects.size && page.length > 0 ? { objects: page, nextCursor: String(next) } : { objects: page };
  }

  async create(_type: string, data: JsonObject): Promise<TargetObject> {
    this.maybeFail('create');
    const id = randomUUID();
    this.objects.set(id, { ...structuredClone(data), id });
    return { id, data: structuredClone({ ...data, id }) };
  }

  async delete(_type: string, id: string): Promise<void> {
    this.maybeFail('delete');
    this.objects.delete(id);
  }

  async update(_type: string, id: string, changes: readonly AttributeChange[]): Promise<void> {
    this.maybeFail('update');
    const data = this.objects.get(id);
    if (!data) throw new Error(`no object ${id}`);
    for (const change of changes) {
      const path = parseScimPath(change.path);
      if (change.value === null) removePathValue(data, path);
      else setPathValue(data, path, change.value);
    }
  }

  /** Groups keep members as SCIM does, `members: [{value}]`; batches are recorded for tests. */
  readonly memberBatches: { op: 'add' | 'remove'; ids: string[] }[] = [];

  async getMemberIds(_type: string, id: string): Promise<string[] | undefined> {
    this.maybeFail('getMemberIds');
    const data = this.objects.get(id);
    if (!data) return undefined;
    return (Array.isArray(data.members) ? data.members : []).flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' ? [m.value] : []));
  }

  async addMembers(type: string, id: string, memberIds: readonly string[]): Promise<void> {
    this.maybeFail('addMembers');
    this.memberBatches.push({ op: 'add', ids: [...memberIds] });
    const data = this.objects.get(id);
    if (!data) throw new Error(`no object ${id}`);
    const current = new Set((await this.getMemberIds(type, id)) ?? []);
    this.calls.pop();
    data.members = [...current, ...memberIds.filter((m) => !current.has(m))].map((value) => ({ value }));
  }

  async removeMembers(_type: string, id: string, memberIds: readonly string[]): Promise<void> {
    this.maybeFail('removeMembers');
    this.memberBatches.push({ op: 'remove', ids: [...memberIds] });
    const data = this.objects.get(id);
    if (!data) throw new Error(`no object ${id}`);
    const gone = new Set(memberIds);
    data.members = (Array.isArray(data.members) ? data.members : []).filter((m) => !(isJsonObject(m) && typeof m.value === 'string' && gone.has(m.value)));
  }
}
