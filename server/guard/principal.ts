import "server-only";
import type { Principal } from "@/lib/auth/permissions";

/**
 * Who is calling. Sign-in does not exist yet, so every request is the single local user.
 * The sign-in issue replaces this with the session's user (and UNAUTHENTICATED when there is none).
 */
export async function currentPrincipal(): Promise<Principal> {
  return { id: "local", name: "local user", local: true };
}
