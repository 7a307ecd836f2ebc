/**
 * "Sign in with <provider>": a plain link (no prefetch) to the route that redirects to the OpenID Connect
 * provider. The page passes the provider's name, or null when OpenID Connect is not configured (nothing shown).
 */
export function OidcButton({ provider, next }: { provider: string | null; next?: string }) {
  if (!provider) return null;
  const href = `/api/auth/oidc/start${next && next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`;
  return (
    <a className="button-link" href={href} data-testid="oidc-sign-in">
      Sign in with {provider}
    </a>
  );
}
