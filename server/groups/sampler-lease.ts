import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import type { Prisma } from "@/prisma/generated/client";
import { lagSampleIntervalMs } from "@/server/config";
import { prisma } from "@/server/db/prisma";

// Which console instance samples a cluster: a lease row per cluster (SamplerLease), the same on SQLite and
// PostgreSQL. The holder renews it every tick; another instance takes it over only once it has expired (or was
// handed over: expired at once on shutdown). Every round's writes commit only while the lease is still this
// instance's, nobody having taken it over (fenceLease, in the round's transaction): a leader that stalled past
// its lease and was replaced writes nothing, so no sample is recorded twice. A leader about to be busy for long
// (judging a big cluster's sample) extends its lease first (extendLease). Times are each instance's clock: keep
// the hosts' clocks in sync (NTP); a skew shortens or lengthens a lease by as much, and the fence still keeps
// writes single.
//
// With interval I: the lease lasts I/2 (at least 1 s) and is renewed every I/4, so a leader that dies is
// replaced within I/2 + I/4 after its last renewal and the next sample starts at once: the gap between two
// samples stays under 2 I.

const g = globalThis as unknown as { topiaryInstanceId?: string };
/** This server process: "<host>:<pid>:<random>", new at every start. */
export const instanceId = (): string => (g.topiaryInstanceId ??= `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`);

export function leaseTimings(intervalMs = lagSampleIntervalMs() || 15_000): { ttlMs: number; tickMs: number } {
  const ttlMs = Math.max(Math.round(intervalMs / 2), 1000);
  return { ttlMs, tickMs: Math.round(ttlMs / 2) };
}

/** Takes the cluster's lease when nobody holds it (or it expired). Its term when taken, null when another holds it. */
export async function tryAcquireLease(clusterId: string, now = Date.now()): Promise<number | null> {
  const me = instanceId();
  const at = new Date(now);
  const expiresAt = new Date(now + leaseTimings().ttlMs);
  const row = await prisma.samplerLease.findUnique({ where: { clusterId }, select: { holder: true, term: true, expiresAt: true } });
  const live = !!row && row.expiresAt > at;
  if (row && live && row.holder !== me) return null;
  if (!row) {
    try {
      await prisma.samplerLease.create({ data: { clusterId, holder: me, term: 1, expiresAt, acquiredAt: at, renewedAt: at } });
      return 1;
    } catch (e) {
      // Another instance created it first (or the cluster is gone).
      const code = (e as { code?: unknown })?.code;
      if (code === "P2002" || code === "P2003") return null;
      throw e;
    }
  }
  // Ours and live: renewed. Expired: taken over, in one conditional update (two instances cannot both win it).
  const r = live
    ? await prisma.samplerLease.updateMany({ where: { clusterId, holder: me, expiresAt: { gt: at } }, data: { expiresAt, renewedAt: at } })
    : await prisma.samplerLease.updateMany({
        where: { clusterId, holder: row.holder, term: row.term, expiresAt: { lte: at } },
        data: { holder: me, term: row.term + 1, expiresAt, acquiredAt: at, renewedAt: at },
      });
  if (r.count !== 1) return null;
  return live ? row.term : row.term + 1;
}

/**
 * Renews the leases this instance holds among `clusterIds` (still its own: nobody took them over, even if they ran
 * out while this instance was busy); gives the ones it holds.
 */
export async function renewLeases(clusterIds: readonly string[], now = Date.now()): Promise<Set<string>> {
  if (!clusterIds.length) return new Set();
  const me = instanceId();
  await prisma.samplerLease.updateMany({
    where: { clusterId: { in: [...clusterIds] }, holder: me, expiresAt: { gt: new Date(0) } },
    data: { expiresAt: new Date(now + leaseTimings().ttlMs), renewedAt: new Date(now) },
  });
  const held = await prisma.samplerLease.findMany({ where: { clusterId: { in: [...clusterIds] }, holder: me, expiresAt: { gt: new Date(0) } }, select: { clusterId: true } });
  return new Set(held.map((h) => h.clusterId));
}

/**
 * Before work that keeps the event loop busy (judging a big cluster's sample), the lease is extended by as long
 * as that work took last time, twice over: renewals cannot run meanwhile, and another instance must not take over
 * a leader that is merely busy. False when the lease is no longer this instance's.
 */
export async function extendLease(clusterId: string, busyMs: number, now = Date.now()): Promise<boolean> {
  const r = await prisma.samplerLease.updateMany({
    where: { clusterId, holder: instanceId(), expiresAt: { gt: new Date(0) } },
    data: { expiresAt: new Date(now + Math.max(leaseTimings().ttlMs, 2 * busyMs)), renewedAt: new Date(now) },
  });
  return r.count === 1;
}

/**
 * In a round's transaction: true when the lease is still this instance's — nobody took it over — and renews it.
 * (It may have run out while this instance was busy: what matters is that no other instance holds it.) On
 * PostgreSQL the update locks the lease row until the transaction ends, so a takeover waits for the round and
 * then finds the lease renewed; on SQLite the transaction is the only writer.
 */
export async function fenceLease(tx: Prisma.TransactionClient, clusterId: string, now = Date.now()): Promise<boolean> {
  const r = await tx.samplerLease.updateMany({
    where: { clusterId, holder: instanceId(), expiresAt: { gt: new Date(0) } },
    data: { expiresAt: new Date(now + leaseTimings().ttlMs), renewedAt: new Date(now) },
  });
  return r.count === 1;
}

/** Hands over every lease this instance holds: expired at once, so another instance takes over at its next tick. */
export async function releaseLeases(): Promise<number> {
  const r = await prisma.samplerLease.updateMany({ where: { holder: instanceId() }, data: { expiresAt: new Date(0) } });
  return r.count;
}

export interface LeaseView {
  clusterId: string;
  holder: string;
  term: number;
  expiresAt: Date;
  renewedAt: Date;
}

/** Every cluster's lease (for readiness). */
export async function allLeases(): Promise<LeaseView[]> {
  return prisma.samplerLease.findMany({ select: { clusterId: true, holder: true, term: true, expiresAt: true, renewedAt: true } });
}

/** Whether someone other than this instance holds a live lease on the cluster. */
export async function leasedElsewhere(clusterId: string, now = Date.now()): Promise<boolean> {
  const row = await prisma.samplerLease.findUnique({ where: { clusterId }, select: { holder: true, expiresAt: true } });
  return !!row && row.holder !== instanceId() && row.expiresAt.getTime() > now;
}
