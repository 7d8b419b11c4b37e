import type { JsonObject, JsonValue } from '../../domain/identityObject';
import { applyPatch } from '../applyPatch';
import type { DirectoryChange } from '../directoryChangeSink';
import { prepareResource } from '../schema/prepareResource';
import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { applyMemberOperations } from './applyMemberOperations';
import { assertIfMatch } from './assertIfMatch';
import { membersWithTypes } from './memberIds';
import { assertPatchWritable } from './assertPatchWritable';
import { readExisting } from './readExisting';
import { recordDirectoryChange } from './recordDirectoryChange';
import { registryTraits } from './registryTraits';
import { retryLostRace } from './retryLostRace';
import type { ScimServiceDeps } from './scimServiceDeps';
import { splitMemberOperations } from './splitMemberOperations';
import { stampMeta } from './stampMeta';
import { verifyMembersExist } from './verifyMembersExist';

export interface PatchOutcome {
  /** The resource after the patch; a group's members are included only when the patch touched them. */
  record: ScimResourceRecord;
  /** False when the patch changed nothing that is stored (e.g. adding a member already present). */
  changed: boolean;
}

/**
 * PATCH /Users/{id}, /Groups/{id} (RFC 7644 §3.5.2), with Entra's shapes (reference §2.6-2.8: capitalised
 * ops, "True"/"False", a value array on member Remove, the manager as a string, role values as JSON strings,
 * path-less replace with an object); these are also what `aadOptscim062020` switches off, so the flag needs no
 * handling here. Order: every change is computed and validated first (PatchOp applied to a copy, the result
 * validated as a replace would be, new members checked), then written: the resource row only when
 * non-member attributes change (conditional on the version read), then member deltas (addMembers /
 * removeMembers of the ids named, never the whole list), then the gateway is told.
 */
export async function patchResource(deps: ScimServiceDeps, type: ScimResourceType, id: string, body: JsonValue, ifMatch: string | undefined): Promise<PatchOutcome> {
  return retryLostRace(ifMatch !== undefined && ifMatch.trim() !== '', async () => {
    const { memberOps, rest } = type === 'Group' ? splitMemberOperations(body) : { memberOps: [], rest: body };
    const read = await readExisting(deps, type, id, memberOps.length > 0);
    assertIfMatch(type, id, ifMatch, read.version);
    // The group row without its members: member operations never rewrite the member list as a whole.
    const { members: readMembers, ...row } = read.resource;
    const existing = { ...read, resource: row };
    assertPatchWritable(deps.registry, type, rest);
    const patched = rest === undefined ? undefined : prepareResource(deps.registry, type, applyPatch(existing.resource, rest), { mode: 'replace', existing: existing.resource }).resource;

    const before = membersWithTypes(readMembers);
    const after = memberOps.length > 0 ? applyMemberOperations(before.map((m) => m.value), memberOps, registryTraits(deps.registry, 'Group')) : [];
    const kept = new Set(after);
    const removed = before.filter((m) => !kept.has(m.value));
    const had = new Set(before.map((m) => m.value));
    const added = await verifyMembersExist(deps, id, after.filter((m) => !had.has(m)));

    const membersChange = added.length > 0 || removed.length > 0;
    // A member change also rewrites the resource row, conditionally: it moves the version and lastModified (so
    // an ETag taken before it no longer matches, RFC 7644 §3.14), and concurrent member PATCHes of one group
    // are serialised by the version check (the loser is retried by retryLostRace and re-reads the members).
    const record =
      patched || membersChange
        ? await deps.store.replace(type, stampMeta(type, id, patched ?? existing.resource, deps.now(), existing.resource), { ifMatch: existing.version })
        : existing;
    if (added.length > 0) await deps.store.addMembers(id, added);
    if (removed.length > 0) await deps.store.removeMembers(id, removed.map((m) => m.value));
    const changed = patched !== undefined || membersChange;
    if (!changed) return { record, changed };

    // The gateway reconciles a group from its whole member list (memberIdsOf), so a group is reported with it,
    // read back after the writes rather than computed, so that it includes what concurrent writers added.
    const resource: JsonObject = type !== 'Group' ? record.resource : { ...record.resource, members: (await deps.store.get(type, id, { includeMembers: true }))?.resource.members ?? [] };
    const change: DirectoryChange = { resourceType: type, id, resource };
    await recordDirectoryChange(deps, [change], async () => {
      if (removed.length > 0) await deps.store.addMembers(id, removed);
      if (added.length > 0) await deps.store.removeMembers(id, added.map((m) => m.value));
      if (patched || membersChange) await deps.store.replace(type, existing.resource, { ifMatch: record.version });
    });
    return { record: { ...record, resource }, changed };
  });
}
