import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../../domain/errors';
import type { JobDefinition } from '../../domain/jobDefinition';
import { findObjectMapping } from '../compiledMapping';
import { isGroupObjectName } from '../isGroupObjectName';

/** Entra provisions one user, or one group with up to 5 members, per on-demand request (reference/entra-engine.md §10.1). */
export const MAX_ON_DEMAND_MEMBERS = 5;

const objectId = z.string().trim().min(1, 'is required: the source key of the object (for the inbound API, its externalId)').max(1024, 'is longer than 1024 characters');
const objectTypeName = z.string().trim().min(1, 'is required: the source object type, e.g. "User" or "Group"');

const memberSubject = z.object({ objectId, objectTypeName: objectTypeName.default('User') });

/** Graph's synchronizationJobSubject; `links.members` (synchronizationLinkedObjects) only for a group. */
const subject = z.object({
  objectId,
  objectTypeName,
  links: z
    .object({ members: z.array(memberSubject).max(MAX_ON_DEMAND_MEMBERS, `may name at most ${MAX_ON_DEMAND_MEMBERS} members, as Entra allows`).default([]) })
    .nullable()
    .optional(),
});

/**
 * Graph's provisionOnDemand body: `{"parameters": [{"subjects": [...], "ruleId": "..."}]}` (§10.2). idbridge has
 * one synchronization rule per job, so `ruleId` is accepted (Entra's callers always send one) and not used.
 */
const bodySchema = z.object({
  parameters: z
    .array(
      z.object({
        ruleId: z.string().nullable().optional(),
        subjects: z.array(subject, { error: 'is required: [{"objectId": "<source key>", "objectTypeName": "User"}]' }).min(1, 'must name the object to provision').max(1, 'must name one object: one user, or one group with its members in links.members'),
      }),
      { error: 'is required: [{"subjects": [{"objectId": "<source key>", "objectTypeName": "User"}]}]' },
    )
    .min(1, 'must hold one entry with the subjects to provision')
    .max(1, 'must hold one entry: one user, or one group with up to 5 members, per request'),
});

/** One object to provision, its type spelled as the job's object mapping spells it. */
export interface OnDemandSubject {
  objectType: string;
  sourceKey: string;
}

/** What to provision: the members first (a group can only reference members that exist in the target), then the subject. */
export interface OnDemandRequest {
  subject: OnDemandSubject;
  members: OnDemandSubject[];
}

/**
 * Validates the body against Graph's shape and the job: every type must be one the job maps, members only
 * with a group. Every problem is reported at once, with its path (`parameters[0].subjects[0].objectTypeName`).
 */
export function parseProvisionOnDemandRequest(body: unknown, job: JobDefinition): OnDemandRequest {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  const issues: ValidationIssue[] = [];
  const at = 'parameters[0].subjects[0]';
  const given = parsed.data.parameters[0]?.subjects[0];
  if (!given) throw new ValidationError([{ path: at, message: 'is required' }]); // the schema already demands exactly one
  const subjectType = mappedType(job, given.objectTypeName, `${at}.objectTypeName`, issues);
  const memberList = given.links?.members ?? [];
  if (memberList.length > 0 && subjectType !== undefined && !isGroupObjectName(subjectType)) {
    issues.push({ path: `${at}.links.members`, message: `only a group has members; this subject is a ${subjectType}` });
  }
  const members = new Map<string, OnDemandSubject>();
  memberList.forEach((member, i) => {
    const objectType = mappedType(job, member.objectTypeName, `${at}.links.members[${i}].objectTypeName`, issues) ?? member.objectTypeName;
    // A member named twice is provisioned once.
    members.set(`${objectType.toLowerCase()}|${member.objectId}`, { objectType, sourceKey: member.objectId });
  });
  if (issues.length > 0 || subjectType === undefined) throw new ValidationError(issues);
  return { subject: { objectType: subjectType, sourceKey: given.objectId }, members: [...members.values()] };
}

function mappedType(job: JobDefinition, name: string, path: string, issues: ValidationIssue[]): string | undefined {
  const mapping = findObjectMapping(job, name);
  if (mapping) return mapping.sourceObjectName;
  const mapped = job.objectMappings.filter((m) => m.enabled).map((m) => m.sourceObjectName);
  issues.push({ path, message: `"${name}" is not a source object this job maps; it maps ${mapped.map((m) => `"${m}"`).join(', ') || 'none'}` });
  return undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}
