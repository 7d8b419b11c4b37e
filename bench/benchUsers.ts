import type { JsonObject } from '../src/domain/identityObject';

const GIVEN = ['Barbara', 'Ahmed', 'Mei', 'Olu', 'Sofia', 'Liam', 'Priya', 'Jonas', 'Aiko', 'Mateo'];
const FAMILY = ['Jensen', 'Khan', 'Chen', 'Adeyemi', 'Rossi', 'Murphy', 'Patel', 'Berg', 'Sato', 'Garcia'];
const DEPARTMENTS = ['Tour Operations', 'Finance', 'Engineering', 'Sales', 'Legal'];

/**
 * Where a bench user's externalId comes from: `sourceId`, an id of the source system (`<run>-<i>`, what an
 * HR-fed directory or a custom mapping sends); `mailNickname`, Entra's default mapping (reference §2.9:
 * mailNickname -> externalId), here the userPrincipalName's local part, as Entra sets it for users created
 * with a UPN alias.
 */
export type BenchExternalIds = 'sourceId' | 'mailNickname';

/** `count` Users shaped like Entra's POST /Users (reference §2.6, default mappings §2.9), unique per `run`. */
export function benchUsers(count: number, run: string, externalIds: BenchExternalIds = 'sourceId'): JsonObject[] {
  return Array.from({ length: count }, (_, i) => {
    const given = GIVEN[i % GIVEN.length]!;
    const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
    const userName = `${given}.${family}.${run}${i}@contoso.example`.toLowerCase();
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: externalIds === 'mailNickname' ? userName.slice(0, userName.indexOf('@')) : `${run}-${i}`,
      userName,
      active: true,
      displayName: `${given} ${family}`,
      title: 'Engineer',
      emails: [{ primary: true, type: 'work', value: userName }],
      name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
      phoneNumbers: [{ type: 'work', value: `+1 555 01${String(i % 100).padStart(2, '0')}` }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: DEPARTMENTS[i % DEPARTMENTS.length]!, employeeNumber: String(100000 + i) },
    };
  });
}
