import { SCIM_CORE_USER } from '../scimSchemas';
import { scimAttribute } from './scimAttribute';
import type { ScimAttributeDefinition, ScimAttributeType, ScimMutability, ScimSchemaDefinition } from './scimAttributeDefinition';

interface PluralOptions {
  valueType?: ScimAttributeType;
  valueReferenceTypes?: readonly string[];
  canonicalTypes?: readonly string[];
  mutability?: ScimMutability;
}

/** RFC 7643 §2.4: the value/display/type/primary shape shared by emails, phoneNumbers, ims, photos, ... */
function pluralSubAttributes(noun: string, options: PluralOptions = {}): ScimAttributeDefinition[] {
  const mutability = options.mutability ?? 'readWrite';
  return [
    scimAttribute('value', `The ${noun}.`, {
      type: options.valueType ?? 'string',
      mutability,
      ...(options.valueReferenceTypes ? { referenceTypes: options.valueReferenceTypes } : {}),
    }),
    scimAttribute('display', `A human-readable label for the ${noun}.`, { mutability }),
    scimAttribute('type', `What kind of ${noun} this is.`, { mutability, ...(options.canonicalTypes ? { canonicalValues: options.canonicalTypes } : {}) }),
    scimAttribute('primary', `Whether this is the preferred ${noun}; at most one value may be primary (RFC 7643 §2.4).`, { type: 'boolean', mutability }),
  ];
}

const plural = (name: string, description: string, noun: string, options: PluralOptions = {}) =>
  scimAttribute(name, description, { type: 'complex', multiValued: true, subAttributes: pluralSubAttributes(noun, options) });

/** RFC 7643 §4.1 (schema representation §8.7.1): every core User attribute. */
export const coreUserSchema: ScimSchemaDefinition = Object.freeze({
  id: SCIM_CORE_USER,
  name: 'User',
  description: 'User account',
  attributes: Object.freeze([
    scimAttribute('userName', 'Unique identifier the user signs in with; required and unique across the service (case-insensitive).', { required: true, uniqueness: 'server' }),
    scimAttribute('name', "The components of the user's name.", {
      type: 'complex',
      subAttributes: [
        scimAttribute('formatted', 'The full name, formatted for display.'),
        scimAttribute('familyName', 'Family (last) name.'),
        scimAttribute('givenName', 'Given (first) name.'),
        scimAttribute('middleName', 'Middle name(s).'),
        scimAttribute('honorificPrefix', 'Title or salutation before the name, e.g. "Ms.".'),
        scimAttribute('honorificSuffix', 'Suffix after the name, e.g. "III".'),
      ],
    }),
    scimAttribute('displayName', 'Name shown to end users.'),
    scimAttribute('nickName', 'Casual name.'),
    scimAttribute('profileUrl', "URL of the user's online profile.", { type: 'reference', referenceTypes: ['external'] }),
    scimAttribute('title', 'Job title.'),
    scimAttribute('userType', 'Relationship to the organisation, e.g. Employee or Contractor.'),
    scimAttribute('preferredLanguage', 'Preferred written or spoken language (RFC 7231 Accept-Language syntax).'),
    scimAttribute('locale', 'Default location for localising dates, currency and the like.'),
    scimAttribute('timezone', 'IANA time zone, e.g. America/Los_Angeles.'),
    scimAttribute('active', 'Whether the account is active; Entra disables users by setting it to false.', { type: 'boolean' }),
    scimAttribute('password', 'Clear-text password; accepted on write, never returned.', { mutability: 'writeOnly', returned: 'never' }),
    plural('emails', 'Email addresses.', 'email address', { canonicalTypes: ['work', 'home', 'other'] }),
    plural('phoneNumbers', 'Phone numbers.', 'phone number', { canonicalTypes: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }),
    plural('ims', 'Instant-messaging addresses.', 'instant-messaging address', { canonicalTypes: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] }),
    plural('photos', 'URLs of photos of the user.', 'photo URL', { valueType: 'reference', valueReferenceTypes: ['external'], canonicalTypes: ['photo', 'thumbnail'] }),
    scimAttribute('addresses', 'Physical mailing addresses.', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        scimAttribute('formatted', 'The full address, formatted for display.'),
        scimAttribute('streetAddress', 'Street, house number and the like.'),
        scimAttribute('locality', 'City or locality.'),
        scimAttribute('region', 'State or region.'),
        scimAttribute('postalCode', 'Postal code.'),
        scimAttribute('country', 'Country (ISO 3166-1 alpha-2).'),
        scimAttribute('type', 'What kind of address this is.', { canonicalValues: ['work', 'home', 'other'] }),
        scimAttribute('primary', 'Whether this is the preferred address.', { type: 'boolean' }),
      ],
    }),
    // Membership is managed through the Group resource (RFC 7643 §4.1.2), so the service computes this.
    scimAttribute('groups', 'Groups the user belongs to, directly or indirectly; maintained by the service provider.', {
      type: 'complex',
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        scimAttribute('value', 'The id of the group.', { mutability: 'readOnly' }),
        scimAttribute('$ref', 'URI of the group.', { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'readOnly' }),
        scimAttribute('display', 'The group displayName.', { mutability: 'readOnly' }),
        scimAttribute('type', 'Direct or indirect membership.', { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' }),
      ],
    }),
    plural('entitlements', 'Entitlements of the user.', 'entitlement'),
    plural('roles', 'Roles of the user.', 'role'),
    plural('x509Certificates', 'X.509 certificates of the user (DER, base64).', 'certificate', { valueType: 'binary' }),
  ]),
});
