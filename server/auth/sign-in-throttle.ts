import "server-only";
import { prisma } from "@/server/db/prisma";

// Failed sign-ins slow down their source, not the account. Two kinds of source, both kept in the store (so a
// restart or a second console instance knows them):
//   - a user name tried from one client address: after 5 failures, 15 s, doubling up to 5 min;
//   - a client address, whatever names it tries: after 20 failures in 15 min, 1 min, doubling up to 30 min.
// A locked source is refused before any password is hashed, so it costs nothing. Someone guessing a user's
// password from elsewhere cannot lock that user out: the user's own address is a different source. (A guesser
// spread over many addresses is held by the password-hashing bound: see passwords.ts.)

interface Policy {
  /** Failures counted within this window. */
  windowMs: number;
  /** The failure that starts a lock. */
  lockAfter: number;
  firstLockMs: number;
  maxLockMs: number;
}

const BY_NAME: Policy = { windowMs: 15 * 60_000, lockAfter: 5, firstLockMs: 15_000, maxLockMs: 5 * 60_000 };
const BY_ADDRESS: Policy = { windowMs: 15 * 60_000, lockAfter: 20, firstLockMs: 60_000, maxLockMs: 30 * 60_000 };

export const nameKey = (username: string, address: string) => `name:${username.toLowerCase().slice(0, 200)}@${address}`;
export const addressKey = (address: string) => `address:${address}`;

/** How long until the source may try again (ms), the longest of its locks; 0 when it may now. */
export async function lockedForMs(username: string, address: string, now = new Date()): Promise<number> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: [nameKey(username, address), addressKey(address)] } } });
  let wait = 0;
  for (const r of rows) if (r.lockedUntil && r.lockedUntil > now) wait = Math.max(wait, r.lockedUntil.getTime() - now.getTime());
  return wait;
}

async function countFailure(key: string, policy: Policy, now: Date): Promise<void> {
  // One statement per source keeps concurrent failures from losing counts; the lock follows from the count.
  await prisma.$transaction(async (tx) => {
    const row = await tx.signInThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.windowStart.getTime() > policy.windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const over = failures - policy.lockAfter;
    const lockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** over)) : null;
    await tx.signInThrottle.upsert({
      where: { key },
      create: { key, failures, windowStart: now, lockedUntil },
      update: { failures, windowStart: fresh ? now : row!.windowStart, lockedUntil },
    });
  });
}

export async function recordFailedSignIn(username: string, address: string, now = new Date()): Promise<void> {
  await countFailure(nameKey(username, address), BY_NAME, now);
  await countFailure(addressKey(address), BY_ADDRESS, now);
}

/** A good password clears its name's count from that address (the address' count stays: it may be guessing others). */
export async function recordSuccessfulSignIn(username: string, address: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: nameKey(username, address) } });
}

/** Forgets counts not touched for a day (called now and then). */
export async function pruneSignInThrottles(now = new Date()): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
}
