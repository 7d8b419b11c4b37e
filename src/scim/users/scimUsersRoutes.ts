/** The Users endpoint's routes (host.json's route prefix is empty); registered by functions/. */
export const scimUsersRoutes = [
  { name: 'scimUsers', methods: ['GET', 'POST'], route: 'scim/v2/Users' },
  { name: 'scimUser', methods: ['GET', 'PUT', 'PATCH', 'DELETE'], route: 'scim/v2/Users/{id}' },
] as const satisfies readonly { name: string; methods: readonly ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[]; route: string }[];
