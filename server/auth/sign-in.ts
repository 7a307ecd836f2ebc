import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/record-audit";
import { prisma } from "@/server/db/prisma";
import { verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { lockedForMs, recordFailedSignIn, recordSuccessfulSignIn } from "./sign-in-throttle";

/**
 * Checks a local password and opens a session. A source that failed too often is refused before any hashing
 * (sign-in-throttle.ts); the hash itself runs in the bounded worker pool (passwords.ts). Every outcome is
 * audited with the client's address; the message never says which part was wrong.
 */
export async function signIn(username: string, password: string, address: string): Promise<{ token: string; expiresAt: Date; username: string }> {
  const wait = await lockedForMs(username, address);
  if (wait > 0) {
    await recordAudit({ username, action: "auth.sign-in", outcome: "refused", detail: "too many failed attempts from this address", address });
    throw new AppError("RATE_LIMITED", { userMessage: `Too many failed attempts: try again in ${Math.ceil(wait / 1000)} s.` });
  }
  const user = await prisma.user.findUnique({ where: { username } });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.disabled) {
    await recordFailedSignIn(username, address);
    await recordAudit({ userId: user?.id ?? null, username, action: "auth.sign-in", outcome: "failed", detail: user?.disabled && ok ? "account disabled" : "wrong user name or password", address });
    throw new AppError("UNAUTHENTICATED", { userMessage: user?.disabled && ok ? "This account is disabled." : "Wrong user name or password." });
  }
  await recordSuccessfulSignIn(username, address);
  const session = await createSession(user.id);
  await recordAudit({ userId: user.id, username: user.username, action: "auth.sign-in", outcome: "succeeded", detail: "password", address });
  return { ...session, username: user.username };
}

/** True while no user exists and sign-in is on: the console then asks for the first admin. */
export async function needsFirstRun(): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}
