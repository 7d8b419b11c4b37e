import type { TableClient } from '@azure/data-tables';
import type { JsonObject } from '../../domain/identityObject';
import { indexKey } from './indexKeys';
import { changeJsonListRow, parseJsonList } from './jsonListRow';
import { readEntity } from './readEntity';
import type { ScimResourceType } from './scimResourceStore';

/**
 * Domains whose users may carry no externalId row: at most this many. A lookup by externalId reads one claim
 * per domain (in parallel), so the list stays short; users of further domains get their row as before.
 */
export const MAX_EXTERNAL_ID_DOMAINS = 16;

/** The registry row: beside the layout row, outside every hash partition and the ranges scans read. */
const REGISTRY_KEYS = { partitionKey: '~layout', rowKey: 'externalIdDomains' } as const;

/** A user whose externalId is its userName's local part (any case): the userName's domain and the externalId's key. */
export interface ImplicitExternalId {
  domain: string;
  key: string;
}

/**
 * Entra's default mappings send userName = userPrincipalName and externalId = mailNickname, usually the UPN's
 * local part (reference §2.9): such a user is found by `externalId eq "<x>"` through the claim of
 * `<x>@<domain>`, for each domain in a short registry, instead of through a row of its own. That saves a row in
 * every such create, which is then a single insert (docs/scim-storage.md, layout 4).
 *
 * Why this is safe: a user is written without the row only once its domain is in the registry, and the registry
 * only grows; so a lookup that reads the registry (on every lookup: another instance may have added a domain)
 * finds every such user through its claim, and checks that the holder carries the externalId exactly
 * (externalId is caseExact, RFC 7643 §3.1; the claim is not).
 */
export class ExternalIdDomains {
  /** Domains this process knows to be in the registry (it only grows). */
  private readonly known = new Set<string>();
  private readonly adding = new Map<string, Promise<boolean>>();

  constructor(private readonly client: TableClient) {}

  /** The externalId row a user may go without, if its externalId is its userName's local part. */
  static implicit(type: ScimResourceType, resource: JsonObject): ImplicitExternalId | undefined {
    if (type !== 'User') return undefined;
    const { userName, externalId } = resource;
    if (typeof userName !== 'string' || typeof externalId !== 'string' || externalId === '') return undefined;
    const at = userName.lastIndexOf('@');
    if (at <= 0 || at === userName.length - 1) return undefined;
    if (userName.slice(0, at).toLowerCase() !== externalId.toLowerCase()) return undefined;
    return { domain: userName.slice(at + 1).toLowerCase(), key: indexKey('User', 'externalId', externalId) };
  }

  /** `shared` without the externalId row the resource can go without (its domain registered first, if needed). */
  async withoutImplicit(type: ScimResourceType, resource: JsonObject, shared: readonly string[]): Promise<string[]> {
    const implicit = ExternalIdDomains.implicit(type, resource);
    if (!implicit || !shared.includes(implicit.key)) return [...shared];
    return (await this.register(implicit.domain)) ? shared.filter((k) => k !== implicit.key) : [...shared];
  }

  /** The registered domains, read from the table (never from this process's memory: see the class comment). */
  async read(abortSignal?: AbortSignal): Promise<string[]> {
    const row = await readEntity<{ domains?: string }>(this.client, REGISTRY_KEYS.partitionKey, REGISTRY_KEYS.rowKey, 'read the externalId domain registry', abortSignal);
    return parseJsonList(row?.domains);
  }

  /** True once `domain` is in the registry; false when the registry is full. */
  private register(domain: string): Promise<boolean> {
    if (this.known.has(domain)) return Promise.resolve(true);
    let pending = this.adding.get(domain);
    if (!pending) {
      pending = this.add(domain).finally(() => this.adding.delete(domain));
      this.adding.set(domain, pending);
    }
    return pending;
  }

  private async add(domain: string): Promise<boolean> {
    const domains = await changeJsonListRow(
      this.client,
      REGISTRY_KEYS,
      'domains',
      (list) => (list.includes(domain) || list.length >= MAX_EXTERNAL_ID_DOMAINS ? list : [...list, domain]),
      'the externalId domain registry',
    );
    for (const d of domains) this.known.add(d);
    return domains.includes(domain);
  }
}
