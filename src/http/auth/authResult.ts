/**
 * Who a SCIM request was authenticated as. `token`: the shared secret (Entra's "Secret Token" field);
 * `jwt`: a token Entra issued, with the claims worth logging (Microsoft identity platform access token
 * claims: `sub`, `appid` in v1.0 tokens or `azp` in v2.0 tokens, `tid`).
 */
export type ScimPrincipal = { kind: 'token' } | { kind: 'jwt'; subject?: string; appId?: string; tenantId?: string };

/**
 * Why a request was not authenticated. The reason is for the service log only: it never contains any part
 * of the presented token, and the HTTP answer is a plain 401 whatever it says.
 */
export interface AuthFailure {
  ok: false;
  reason: string;
}

export type AuthResult = { ok: true; principal: ScimPrincipal } | AuthFailure;
