import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Principal } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { SESSION_COOKIE, userForToken } from "@/server/auth/sessions";
import { authDisabled, underTest } from "@/server/config";

const LOCAL: Principal = { id: "local", name: "local user", local: true, grants: [{ clusterId: null, role: "admin" }] };

// Tests call actions directly, outside a Next request: they name the session token here (see
// server/test-support/auth.ts). Honoured only under Vitest.
const testSession = new AsyncLocalStorage<{ token: string | null }>();
export function withSessionToken<T>(token: string | null, fn: () => Promise<T>): Promise<T> {
  if (!underTest()) throw new Error("withSessionToken is for tests");
  return testSession.run({ token }, fn);
}

function tokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** The session token of the current request: from the given request, else from Next's request scope. */
export async function sessionToken(request?: Request): Promise<string | null> {
  const forced = underTest() ? testSession.getStore() : undefined;
  if (forced) return forced.token;
  if (request) return tokenFromCookieHeader(request.headers.get("cookie"));
  try {
    const { cookies } = await import("next/headers");
    return (await cookies()).get(SESSION_COOKIE)?.value ?? null;
  } catch {
    return null; // outside a request (e.g. a test without a session)
  }
}

/** Who is calling, or null when nobody is signed in. */
export async function optionalPrincipal(request?: Request): Promise<Principal | null> {
  if (authDisabled()) return LOCAL;
  const user = await userForToken(await sessionToken(request));
  return user ? { id: user.id, name: user.username, local: false, grants: user.grants } : null;
}

/** Who is calling; UNAUTHENTICATED (401) when nobody is signed in. */
export async function currentPrincipal(request?: Request): Promise<Principal> {
  const p = await optionalPrincipal(request);
  if (!p) throw new AppError("UNAUTHENTICATED", { userMessage: "Sign in to continue." });
  return p;
}
