import "server-only";
import { lagSampleIntervalMs } from "@/server/config";
import { prisma, storeKind } from "@/server/db/prisma";
import { samplerRunning } from "@/server/groups/lag-sampler";
import { instanceId } from "@/server/groups/sampler-lease";
import { isShuttingDown } from "@/server/start-server";

// Readiness for a load balancer: whether this instance should get traffic, and what it knows of the store, the
// sampler leases and each cluster. Cheap and bounded: a few small queries on the store, each given at most
// STORE_TIMEOUT_MS, and no Kafka request at all — a cluster's health is what its sampling leader last found
// (its latest sample's age and whether the attempts since failed), so a dead broker never makes this wait.
// Only this instance's own state makes it unready (the store unreachable, or shutting down): a Kafka cluster that
// is down, or a lease between two holders, is reported but does not take every instance out of the pool at once.

const STORE_TIMEOUT_MS = 1500;

export interface ClusterReadiness {
  id: string;
  name: string;
  /** Who samples it: this instance, another one, or nobody now (the lease expired: taken over within an interval). */
  sampler: "this instance" | "another instance" | "nobody";
  leaseTerm: number | null;
  leaseExpiresInMs: number | null;
  /** The latest sample's age (ms); null when none is stored. */
  lastSampleAgeMs: number | null;
  /** current: sampled within two intervals; late: older; unreachable: the attempts since it failed; none: never sampled. */
  state: "current" | "late" | "unreachable" | "none";
}

export interface Readiness {
  ready: boolean;
  /** Something to look at even when ready (a cluster late or unreachable, a cluster nobody samples). */
  degraded: boolean;
  instance: string;
  shuttingDown: boolean;
  store: { kind: "sqlite" | "postgres"; ok: boolean; ms: number; error?: string };
  sampler: { running: boolean; intervalMs: number };
  clusters: ClusterReadiness[];
}

function bounded<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS).unref())]);
}

export async function readiness(now = Date.now()): Promise<Readiness> {
  const intervalMs = lagSampleIntervalMs() || 15_000;
  const started = Date.now();
  const store: Readiness["store"] = { kind: storeKind(), ok: true, ms: 0 };
  let clusters: ClusterReadiness[] = [];
  try {
    await bounded(prisma.$queryRawUnsafe("SELECT 1"), "the store");
    store.ms = Date.now() - started;
    const [rows, leases, states] = await bounded(
      Promise.all([
        prisma.cluster.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
        prisma.samplerLease.findMany({ select: { clusterId: true, holder: true, term: true, expiresAt: true } }),
        prisma.lagSamplerState.findMany({ select: { clusterId: true, takenAt: true, errorAt: true } }),
      ]),
      "the store",
    );
    const leaseOf = new Map(leases.map((l) => [l.clusterId, l]));
    const stateOf = new Map(states.map((s) => [s.clusterId, s]));
    clusters = rows.map((c) => {
      const lease = leaseOf.get(c.id);
      const live = lease && lease.expiresAt.getTime() > now ? lease : null;
      const s = stateOf.get(c.id);
      const takenAt = s && s.takenAt.getTime() > 0 ? s.takenAt.getTime() : null;
      const age = takenAt === null ? null : Math.max(0, now - takenAt);
      const failing = !!s?.errorAt && (takenAt === null || s.errorAt.getTime() >= takenAt);
      return {
        id: c.id,
        name: c.name,
        sampler: !live ? "nobody" : live.holder === instanceId() ? "this instance" : "another instance",
        leaseTerm: lease?.term ?? null,
        leaseExpiresInMs: live ? live.expiresAt.getTime() - now : null,
        lastSampleAgeMs: age,
        state: failing ? "unreachable" : age === null ? "none" : age > 2 * intervalMs + 5_000 ? "late" : "current",
      };
    });
  } catch (e) {
    store.ok = false;
    store.ms = Date.now() - started;
    store.error = (e as Error).message.slice(0, 200);
  }
  const shuttingDown = isShuttingDown();
  const running = samplerRunning();
  return {
    ready: store.ok && !shuttingDown,
    degraded: !store.ok || clusters.some((c) => c.state !== "current" || (running && c.sampler === "nobody")),
    instance: instanceId(),
    shuttingDown,
    store,
    sampler: { running, intervalMs },
    clusters,
  };
}
