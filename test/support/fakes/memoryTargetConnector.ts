import { randomUUID } from 'node:crypto';
import type { AttributeChange, TargetConnector, TargetObject } from '../../../src/connectors/targetConnector';
import type { JsonObject } from '../../../src/domain/identityObject';
import { getPathValue, parseScimPath, removePathValue, setPathValue } from '../../../src/scim/scimPath';

type Call = 'getById' | 'findByAttribute' | 'create' | 'update' | 'delete';

/** An in-memory SCIM-like target for use-case tests; `failNext` injects one failure per call name. */
export class MemoryTargetConnector implements TargetConnector {
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
}
