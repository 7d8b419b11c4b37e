import { SCIM_CORE_GROUP } from '../scim/scimSchemas';

/** Whether a job's object name (`Group`, or Graph's core schema URN) is a group. */
export function isGroupObjectName(objectName: string): boolean {
  const name = objectName.trim().toLowerCase();
  return name === 'group' || name === 'groups' || name === SCIM_CORE_GROUP.toLowerCase();
}
