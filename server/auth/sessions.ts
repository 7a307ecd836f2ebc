import "server-only";
import crypto from "node:crypto";
import type { Grant, Role } from "@/lib/auth/permissions";
import { prisma } from "@/server/db/prisma";
import { sessionIdleHours, sessionMaxDays } from "@/server/config";

// Sessions: the browser holds a random token in an HTTP-only, SameSite cookie; the database holds only its
// SHA-256, so a copy of the database cannot be used to sign in.

export const SESSION_COOKIE = "topiary_session";

const digest = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + sessionMaxDays() * 86400_000);
  await prisma.session.create({ data: { id: digest(token), userId, expiresAt } });
  return { token, expiresAt };
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  grants: Grant[];
}

/** The signed-in user of a token; null when it is unknown, expired, idle too long, or the user is disabled. */
export async function userForToken(token: string | undefined | null): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const id = digest(token);
  const s = await prisma.session.findUnique({ where: { id }, include: { user: { include: { grants: true } } } });
  if (!s) return null;
  const now = Date.now();
  if (s.expiresAt.getTime() < now || now - s.lastSeenAt.getTime() > sessionIdleHours() * 3600_000 || s.user.disabled) {
    await prisma.session.delete({ where: { id } }).catch(() => {});
    return null;
  }
  // Refresh the idle clock at most once a minute.
  if (now - s.lastSeenAt.getTime() > 60_000) await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date(now) } }).catch(() => {});
  return {
    id: s.user.id,
    username: s.user.username,
    displayName: s.user.displayName,
    grants: s.user.grants.map((g) => ({ clusterId: g.clusterId, role: g.role as Role })),
  };
}

export async function deleteSession(token: string | undefined | null): Promise<void> {
  if (token) await prisma.session.deleteMany({ where: { id: digest(token) } });
}

/** The cookie's attributes: HTTP-only, SameSite=Lax (the OpenID Connect redirect back must carry it), Secure on https. */
export function sessionCookieOptions(expiresAt: Date, secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", expires: expiresAt };
}
