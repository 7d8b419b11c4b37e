import { z } from 'zod';
import { SCIM_BULK_REQUEST } from '../scim/scimSchemas';

/**
 * The SCIM BulkRequest profile of Entra's API-driven inbound provisioning (reference/inbound-and-scim.md
 * §1.3): every operation is a POST to /Users with a bulkId and a user whose externalId is the source key.
 * Microsoft's own sample sends `"path": "/users"`, so the path is compared case-insensitively.
 */

const stringAttribute = z.string({ error: 'must be a string' });
const complexArray = z.array(z.record(z.string(), z.unknown(), { error: 'each element must be an object' }), { error: 'must be an array of objects' });

/** Known core attributes are type-checked; anything else (custom extensions) passes through as JSON. */
export const inboundUserSchema = z
  .object(
    {
      schemas: z.array(z.string({ error: 'must be a string' }), { error: 'must be an array of schema URNs' }).optional(),
      externalId: z
        .string({ error: 'is required: the source system\'s unique id of the user' })
        .trim()
        .min(1, 'must not be empty: it is the source system\'s unique id of the user')
        // The key becomes part of a Table row key (at most 512 characters after escaping).
        .max(150, 'must be at most 150 characters'),
      userName: stringAttribute.optional(),
      displayName: stringAttribute.optional(),
      nickName: stringAttribute.optional(),
      title: stringAttribute.optional(),
      userType: stringAttribute.optional(),
      preferredLanguage: stringAttribute.optional(),
      locale: stringAttribute.optional(),
      timezone: stringAttribute.optional(),
      active: z
        .union([z.boolean(), z.string().regex(/^(true|false)$/i, 'must be true or false')], { error: 'must be true or false' })
        .optional(),
      name: z.record(z.string(), z.string({ error: 'must be a string' }).nullable(), { error: 'must be an object of strings' }).optional(),
      emails: complexArray.optional(),
      phoneNumbers: complexArray.optional(),
      addresses: complexArray.optional(),
    },
    { error: 'must be an object (the user)' },
  )
  .catchall(z.unknown())
  .superRefine((user, ctx) => {
    for (const [key, value] of Object.entries(user)) {
      if (key.toLowerCase().startsWith('urn:') && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'an extension namespace must hold an object of attributes' });
      }
    }
  });

export const bulkOperationSchema = z.object(
  {
    method: z.string({ error: 'is required' }).refine((m) => m.toUpperCase() === 'POST', 'must be "POST" (the service decides whether a record creates, updates or disables)'),
    path: z.string({ error: 'is required' }).refine((p) => p.toLowerCase() === '/users', 'must be "/Users"'),
    bulkId: z.string({ error: 'is required: a unique id for this operation' }).min(1, 'must not be empty'),
    data: inboundUserSchema,
  },
  { error: 'must be an object' },
);

export const bulkRequestSchema = z.object(
  {
    schemas: z.array(z.string()).refine((s) => s.includes(SCIM_BULK_REQUEST), `must contain "${SCIM_BULK_REQUEST}"`),
    Operations: z.array(z.unknown(), { error: 'is required: an array of operations' }).min(1, 'must contain at least one operation'),
    failOnErrors: z.number().int().nullable().optional(),
  },
  { error: 'the body must be a SCIM BulkRequest object' },
);

export type BulkOperation = z.infer<typeof bulkOperationSchema>;
