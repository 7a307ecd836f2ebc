import "server-only";
import { advanceWindows, evaluateSnapshot, type GroupVerdict, type LagWindows } from "@/lib/lag/lag-window";
import type { LagSnapshot } from "@/lib/lag/lag-types";
import type { Cluster } from "@/prisma/generated/client";
import { lagSampleIntervalMs, lagWindowSize } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { fetchLagSnapshot } from "./fetch-lag-snapshot";
import { recordLagPoints, pruneLagPoints } from "./lag-points";

// The background lag sampler: one loop per server process (started from instrumentation.ts) that samples
// every cluster, keeps each group's window of recent samples in memory for Burrow's rules, writes lag history
// to the database, and lets listeners (alert rules) see each sample. Pages read its latest state; a page that
// finds it older than it wants asks for a fresh sample, shared with any already in flight.

export interface ClusterLagState {
  latest: LagSnapshot;
  /** The sample before `latest`, for rates (end-offset and committed-offset deltas). */
  previous: LagSnapshot | null;
  windows: LagWindows;
  verdicts: Map<string, GroupVerdict>;
}

export type LagListener = (cluster: Cluster, state: ClusterLagState) => Promise<void>;

interface SamplerGlobals {
  states: Map<string, ClusterLagState>;
  inFlight: Map<string, Promise<ClusterLagState>>;
  errors: Map<string, { at: number; message: string }>;
  listeners: LagListener[];
  timer: ReturnType<typeof setTimeout> | null;
  started: boolean;
  lastPrune: number;
}

// On globalThis: Next may load this module more than once in one process (instrumentation and routes).
const g = globalThis as unknown as { topiaryLag?: SamplerGlobals };
const sampler: SamplerGlobals = (g.topiaryLag ??= {
  states: new Map(),
  inFlight: new Map(),
  errors: new Map(),
  listeners: [],
  timer: null,
  started: false,
  lastPrune: 0,
});

const PRUNE_EVERY_MS = 5 * 60_000;

/** Registers a function that sees every sample of every cluster (once per name across reloads). */
export function onLagSample(listener: LagListener): void {
  if (!sampler.listeners.includes(listener)) sampler.listeners.push(listener);
}

export function lagState(clusterId: string): ClusterLagState | null {
  return sampler.states.get(clusterId) ?? null;
}

export function lastLagError(clusterId: string): { at: number; message: string } | null {
  return sampler.errors.get(clusterId) ?? null;
}

/** Takes a sample of one cluster now (sharing one already in flight), records it, and tells the listeners. */
export function sampleCluster(cluster: Cluster): Promise<ClusterLagState> {
  const running = sampler.inFlight.get(cluster.id);
  if (running) return running;
  const p = (async () => {
    try {
      const snapshot = await fetchLagSnapshot(cluster, { extraTopics: await designTopics(cluster.id) });
      const before = sampler.states.get(cluster.id);
      const windows = advanceWindows(before?.windows ?? new Map(), snapshot, lagWindowSize());
      const state: ClusterLagState = { latest: snapshot, previous: before?.latest ?? null, windows, verdicts: evaluateSnapshot(windows, snapshot) };
      sampler.states.set(cluster.id, state);
      sampler.errors.delete(cluster.id);
      await recordLagPoints(cluster.id, state, intervalSeconds(before?.latest, snapshot));
      for (const listener of sampler.listeners) {
        await listener(cluster, state).catch((e) => logger.error("lag listener failed", { cluster: cluster.name, error: e }));
      }
      return state;
    } catch (e) {
      sampler.errors.set(cluster.id, { at: Date.now(), message: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      sampler.inFlight.delete(cluster.id);
    }
  })();
  sampler.inFlight.set(cluster.id, p);
  return p;
}

/**
 * The cluster's lag state for a page: the latest sample when it is younger than `maxAgeMs`; when it is older
 * but younger than `staleMs`, still that one while a fresh sample is taken behind it (pages never wait on a
 * big cluster's sample); otherwise a sample taken now.
 */
export async function freshLagState(cluster: Cluster, maxAgeMs: number, staleMs = maxAgeMs): Promise<ClusterLagState> {
  const s = sampler.states.get(cluster.id);
  const age = s ? Date.now() - s.latest.takenAt : Infinity;
  if (s && age <= maxAgeMs) return s;
  if (s && age <= staleMs) {
    sampleCluster(cluster).catch(() => {});
    return s;
  }
  return sampleCluster(cluster);
}

/**
 * Samples every cluster once, each on its own. A round waits at most `maxWaitMs` (the interval): a cluster that
 * is slow or unreachable keeps its sample in flight, and the next round skips it until it ends (sampleCluster
 * shares an in-flight sample), so it never holds up the others.
 */
export async function sampleAllClusters(maxWaitMs = Infinity): Promise<void> {
  const clusters = await prisma.cluster.findMany();
  const all = Promise.allSettled(clusters.map((c) => sampleCluster(c)));
  await (Number.isFinite(maxWaitMs) ? Promise.race([all, new Promise((r) => setTimeout(r, maxWaitMs).unref?.())]) : all);
  // Samples of clusters that were removed are not kept.
  const ids = new Set(clusters.map((c) => c.id));
  for (const id of sampler.states.keys()) if (!ids.has(id)) sampler.states.delete(id);
  if (Date.now() - sampler.lastPrune > PRUNE_EVERY_MS) {
    sampler.lastPrune = Date.now();
    await pruneLagPoints().catch((e) => logger.error("lag retention failed", { error: e }));
  }
}

/** Starts the loop once per process; each round starts an interval after the previous one ended. */
export function startLagSampler(): void {
  const interval = lagSampleIntervalMs();
  if (sampler.started || interval === 0) return;
  sampler.started = true;
  const round = async () => {
    try {
      await sampleAllClusters(interval);
    } catch (e) {
      logger.error("lag sampling failed", { error: e });
    }
    sampler.timer = setTimeout(round, interval);
    sampler.timer.unref?.();
  };
  sampler.timer = setTimeout(round, 1000);
  sampler.timer.unref?.();
}

function intervalSeconds(prev: LagSnapshot | undefined, now: LagSnapshot): number {
  const configured = Math.round(lagSampleIntervalMs() / 1000) || 15;
  if (!prev) return configured;
  return Math.max(1, Math.round((now.takenAt - prev.takenAt) / 1000));
}

/** Topics drawn in designs bound to the cluster: their end offsets are sampled too, for rates on the canvas. */
async function designTopics(clusterId: string): Promise<string[]> {
  const designs = await prisma.design.findMany({ where: { clusterId }, select: { topology: true } });
  const names = new Set<string>();
  for (const d of designs) {
    try {
      const t = JSON.parse(d.topology) as { nodes?: { kind?: string; data?: { name?: unknown } }[] };
      for (const n of t.nodes ?? []) if (n.kind === "topic" && typeof n.data?.name === "string" && n.data.name) names.add(n.data.name);
    } catch {
      // a design that does not parse has no topics to sample
    }
  }
  return [...names];
}
