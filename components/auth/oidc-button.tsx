import { oidcProviderName } from "@/server/auth/oidc";

/**
 * "Sign in with <provider>": a plain link (no prefetch) to the route that redirects to the OpenID Connect
 * provider. Renders nothing when OpenID Connect is not configured. A server component.
 */
export function OidcButton({ next }: { next?: string }) {
  const name = oidcProviderName();
  if (!name) return null;
  const href = `/api/auth/oidc/start${next && next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`;
  return (
    <a className="button-link" href={href} data-testid="oidc-sign-in">
      Sign in with {name}
    </a>
  );
}
