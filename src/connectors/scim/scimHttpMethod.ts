/** The HTTP methods the SCIM client sends (RFC 7644 §3). */
export type ScimHttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
