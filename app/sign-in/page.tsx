import { redirect } from "next/navigation";
import { OidcButton } from "@/components/auth/oidc-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcProviderName } from "@/server/auth/oidc";
import { needsFirstRun } from "@/server/auth/sign-in";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { authDisabled } from "@/server/config";
import { optionalPrincipal } from "@/server/guard/principal";

export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  if (authDisabled()) redirect("/");
  if (await needsFirstRun()) redirect("/setup");
  const { next, error } = await searchParams;
  // Already signed in: straight on.
  if (await optionalPrincipal()) redirect(safeNextPath(typeof next === "string" ? next : null));
  return (
    <div className="auth-page">
      <h1>Sign in to Topiary</h1>
      <SignInForm next={typeof next === "string" ? next : undefined} error={typeof error === "string" ? `Sign-in did not complete: ${error.slice(0, 200)}` : undefined} />
      <OidcButton provider={oidcProviderName()} next={typeof next === "string" ? next : undefined} />
    </div>
  );
}
