// The user name given to someone's first OpenID Connect sign-in, from what the provider says about them. Pure.

export interface IdentityClaims {
  sub: string;
  preferred_username?: unknown;
  email?: unknown;
  name?: unknown;
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/**
 * A name that passes the local user name rules (2–64 of letters, digits, '.', '_', '@', '-'), from
 * preferred_username, else email, else a stand-in; `attempt` > 1 appends "-<attempt>" for a name already taken.
 * It leaves room for the suffix so it never cuts one off.
 */
export function usernameFromClaims(claims: IdentityClaims, attempt = 1): string {
  const raw = text(claims.preferred_username) ?? text(claims.email) ?? "sso-user";
  let base = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._@-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 56);
  if (base.length < 2) base = "sso-user";
  return attempt > 1 ? `${base}-${attempt}` : base;
}

/** The name shown for the user: the provider's display name, else the user name. */
export function displayNameFromClaims(claims: IdentityClaims, username: string): string {
  return (text(claims.name) ?? text(claims.preferred_username) ?? text(claims.email) ?? username).slice(0, 120);
}
