import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/record-audit";
import { prisma } from "@/server/db/prisma";
import { verifyPassword } from "./passwords";
import { createSession } from "./sessions";

// Failed sign-ins per user name slow further tries down (in memory, per server process).
const failures = new Map<string, { count: number; until: number }>();
const LOCK_AFTER = 5;

/** Checks a local password and opens a session. Every outcome is audited; the message never says which part was wrong. */
export async function signIn(username: string, password: string): Promise<{ token: string; expiresAt: Date; username: string }> {
  const key = username.toLowerCase();
  const f = failures.get(key);
  if (f && f.until > Date.now()) {
    await recordAudit({ username, action: "auth.sign-in", outcome: "refused", detail: "too many failed attempts" });
    throw new AppError("FORBIDDEN", { userMessage: `Too many failed attempts: try again in ${Math.ceil((f.until - Date.now()) / 1000)} s.` });
  }
  const user = await prisma.user.findUnique({ where: { username } });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.disabled) {
    const count = (f?.count ?? 0) + 1;
    failures.set(key, { count, until: count >= LOCK_AFTER ? Date.now() + Math.min(300_000, 2 ** (count - LOCK_AFTER) * 15_000) : 0 });
    await recordAudit({ userId: user?.id ?? null, username, action: "auth.sign-in", outcome: "failed", detail: user?.disabled && ok ? "account disabled" : "wrong user name or password" });
    throw new AppError("UNAUTHENTICATED", { userMessage: user?.disabled && ok ? "This account is disabled." : "Wrong user name or password." });
  }
  failures.delete(key);
  const session = await createSession(user.id);
  await recordAudit({ userId: user.id, username: user.username, action: "auth.sign-in", outcome: "succeeded", detail: "password" });
  return { ...session, username: user.username };
}

/** True while no user exists and sign-in is on: the console then asks for the first admin. */
export async function needsFirstRun(): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}
