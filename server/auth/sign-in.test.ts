import { performance as nodePerformance } from "node:perf_hooks";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { prisma } from "@/server/db/prisma";
import { addressFrom, CLIENT_ADDRESS_HEADER, installClientAddressStamp } from "@/server/net/client-address";
import { userWithRoles } from "@/server/test-support/auth";
import { unique } from "@/server/test-support/fixtures";
import { signIn } from "./sign-in";
import { lockedForMs, recordFailedSignIn } from "./sign-in-throttle";

// Sign-in costs are bounded: hashing runs in a bounded worker pool off the event loop, and failures slow down
// their source (an address, or a name from an address), never the account itself.

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    return (e as AppError).code;
  }
}

describe("sign-in throttling by source", () => {
  it("slows down a name tried from one address after five failures, and not the same name from elsewhere", async () => {
    const { user, password } = await userWithRoles([]);
    const attacker = `10.1.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 0; i < 5; i++) expect(await code(signIn(user.username, "wrong", attacker))).toBe("UNAUTHENTICATED");
    // The sixth try from the attacker's address is refused before any hashing, even with the right password.
    expect(await code(signIn(user.username, password, attacker))).toBe("RATE_LIMITED");
    expect(await lockedForMs(user.username, attacker)).toBeGreaterThan(10_000);
    // The real user, from their own address, signs in.
    expect(await code(signIn(user.username, password, "192.0.2.50"))).toBe("ok");
    const audit = await prisma.auditRecord.findMany({ where: { username: user.username, action: "auth.sign-in" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.outcome)).toEqual(["failed", "failed", "failed", "failed", "failed", "refused", "succeeded"]);
    expect(audit[0].address).toBe(attacker);
  });

  it("locks an address that tries many names, whatever the names", async () => {
    const address = `10.2.${Math.floor(Math.random() * 250)}.2`;
    const now = new Date();
    for (let i = 0; i < 19; i++) await recordFailedSignIn(unique("nobody"), address, now);
    expect(await lockedForMs(unique("someone"), address, now)).toBe(0);
    await recordFailedSignIn(unique("nobody"), address, now);
    expect(await lockedForMs(unique("someone"), address, now)).toBe(60_000);
    // Another address is not concerned.
    expect(await lockedForMs(unique("someone"), "10.3.0.3", now)).toBe(0);
  });

  it("forgets failures once their window has passed", async () => {
    const address = `10.4.${Math.floor(Math.random() * 250)}.4`;
    const name = unique("forgetful");
    const t0 = new Date(Date.now() - 60 * 60_000);
    for (let i = 0; i < 4; i++) await recordFailedSignIn(name, address, t0);
    // Twenty minutes later the window (15 min) has started again: one more failure does not lock.
    await recordFailedSignIn(name, address, new Date(t0.getTime() + 20 * 60_000));
    expect(await lockedForMs(name, address, new Date(t0.getTime() + 20 * 60_000))).toBe(0);
  });
});

describe("sign-in cost", () => {
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.TOPIARY_BCRYPT_COST;
    process.env.TOPIARY_BCRYPT_COST = "10";
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TOPIARY_BCRYPT_COST;
    else process.env.TOPIARY_BCRYPT_COST = previous;
  });

  it("40 unknown names at once leave the event loop free and cost what known names cost", async () => {
    await code(signIn(unique("warm-up"), "guess", "10.5.255.1")); // the pool's first worker, the first queries
    // How busy this thread's event loop was during the burst (its own work only, whatever else the machine does).
    const before = nodePerformance.eventLoopUtilization();
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => code(signIn(unique(`ghost${i}`), "guess", `10.5.${i}.1`))));
    const took = performance.now() - started;
    const loop = nodePerformance.eventLoopUtilization(before);
    // Each one was hashed (none skipped as "unknown"), through the bounded queue: wrong, or asked to come back.
    expect(outcomes.every((c) => c === "UNAUTHENTICATED" || c === "BUSY")).toBe(true);
    const hashed = outcomes.filter((c) => c === "UNAUTHENTICATED").length;
    expect(hashed).toBeGreaterThanOrEqual(32);
    // Hashing one at a time in the pool's thread took the burst's time (≈ 70 ms each at cost 10); on this thread
    // only the store's short queries ran: a small part of it. bcrypt here would make it nearly all of it.
    expect(took).toBeGreaterThan(hashed * 20);
    expect(loop.active).toBeLessThan(took * 0.35);
  });
});

describe("the client's address", () => {
  it("is the socket's peer unless proxies are trusted, then the entry before theirs", () => {
    expect(addressFrom("::ffff:127.0.0.1", "6.6.6.6", 0)).toBe("127.0.0.1");
    expect(addressFrom("10.0.0.9", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(addressFrom("10.0.0.9", "6.6.6.6, 203.0.113.7, 10.0.0.8", 2)).toBe("203.0.113.7");
    expect(addressFrom("10.0.0.9", undefined, 1)).toBe("10.0.0.9");
  });

  it("is stamped on every request before the app sees it, replacing whatever the client sent", async () => {
    installClientAddressStamp();
    const server = http.createServer((req, res) => res.end(String(req.headers[CLIENT_ADDRESS_HEADER])));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", [CLIENT_ADDRESS_HEADER]: "6.6.6.6" } });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
