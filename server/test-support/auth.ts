// Sign-in helpers for integration tests (never imported by the app).
import type { Role } from "@/lib/auth/permissions";
import { createSession } from "@/server/auth/sessions";
import { hashPassword } from "@/server/auth/passwords";
import { prisma } from "@/server/db/prisma";
import { withSessionToken } from "@/server/guard/principal";
import { unique } from "./fixtures";

/** A user with the given grants and a session; gives the session token. */
export async function userWithRoles(grants: { clusterId: string | null; role: Role }[], password = "correct horse battery") {
  const user = await prisma.user.create({ data: { username: unique("user"), displayName: "Test user", passwordHash: await hashPassword(password) } });
  for (const g of grants) await prisma.roleGrant.create({ data: { userId: user.id, clusterId: g.clusterId, role: g.role } });
  const { token } = await createSession(user.id);
  return { user, token, password };
}

/** Runs server actions as the holder of `token` (null: nobody signed in). */
export const asSession = <T>(token: string | null, fn: () => Promise<T>) => withSessionToken(token, fn);

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler with the session cookie (or none), as a browser would. */
export async function routeAs(token: string | null, handler: RouteHandler, url: string, params: Record<string, string>) {
  const headers = token ? { cookie: `topiary_session=${encodeURIComponent(token)}` } : undefined;
  const res = await handler(new Request(`http://localhost${url}`, { headers }), { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, text };
}

/** Turns sign-in on for a test file (integration workers run with AUTH_DISABLED=true by default). */
export function withSignInOn() {
  const before = process.env.AUTH_DISABLED;
  process.env.AUTH_DISABLED = "false";
  return () => {
    process.env.AUTH_DISABLED = before;
  };
}
