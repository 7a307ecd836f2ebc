import "server-only";
import type { ClusterLagState, LagListener } from "./lag-state";
import { advanceLagState, rejudgeLagState } from "@/lib/groups/advance-lag-state";
import type { LagOptions } from "@/lib/groups/lag-window";
import { AppError } from "@/lib/errors/app-error";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import type { Cluster } from "@/prisma/generated/client";
import { lagEndHistoryMinutes, lagSampleIntervalMs, lagWindowSize } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { fetchLagSnapshot } from "./fetch-lag-snapshot";
import { ensureSeries, forgetSeries, lagPointRows, pruneLagPoints, writeLagPoints } from "./lag-points";
import { lagOptionsFor } from "./lag-settings";
import { forgetStoredCopies, loadStoredState, rejudgeStoredCopy, saveLagError, storedLagView, type SampleError } from "./lag-state-store";
import { allStatesWritten, forgetHistoryWrite, stateWritten, writeStateBehind } from "./lag-state-writer";
import { extendLease, fenceLease, leasedElsewhere, leaseTimings, releaseLeases, renewLeases, tryAcquireLease } from "./sampler-lease";

// The background lag sampler. Every console instance runs the loop (started from instrumentation.ts), and one
// instance at a time samples each cluster: the holder of its lease (sampler-lease.ts). The leader keeps each
// group's window of recent samples for Burrow's rules and every partition's recent end offsets (time lag) in
// memory, and each round commits, in a transaction that first checks the lease is still its own, the round's lag
// history (lag-points.ts); its state (lag-state-store.ts), which the other instances' pages read and a new leader
// continues from, is written behind it the same way, the newest state at a time (lag-state-writer.ts). Listeners
// (alert rules) see each sample on the leader only. Pages on the leader read its memory as before; a page that
// finds the latest sample older than it wants asks for a fresh one, shared with any already in flight.
// One file, though long: the loop, the sampling, the round's commit and the page reads all read and write the one
// per-process state below (`sampler`, on globalThis) and take or lose the lease through lead/loseLead; split, that
// state would have to be exported for every part to change.

export type { ClusterLagState, LagListener };

interface SamplerGlobals {
  /** The leader's state per cluster (also kept a while after losing a lease: a new leadership compares times). */
  states: Map<string, ClusterLagState>;
  inFlight: Map<string, Promise<ClusterLagState>>;
  /** When each in-flight sample started. */
  inFlightSince: Map<string, number>;
  errors: Map<string, SampleError>;
  listeners: LagListener[];
  /** Clusters whose lease this instance holds, and the lease's term when it took it. */
  leading: Set<string>;
  terms: Map<string, number>;
  /** The next sample's timer per led cluster, and when it is due. */
  due: Map<string, { at: number; timer: ReturnType<typeof setTimeout> }>;
  tick: ReturnType<typeof setTimeout> | null;
  started: boolean;
  stopping: boolean;
  lastPrune: Map<string, number>;
  pruning: Set<string>;
  /** How long judging and committing the cluster's last sample took (ms): the lease is extended by twice that first. */
  busyMs: Map<string, number>;
}

// On globalThis: Next may load this module more than once in one process (instrumentation and routes).
const g = globalThis as unknown as { topiaryLag?: SamplerGlobals };
const sampler: SamplerGlobals = (g.topiaryLag ??= {
  states: new Map(),
  inFlight: new Map(),
  inFlightSince: new Map(),
  errors: new Map(),
  listeners: [],
  leading: new Set(),
  terms: new Map(),
  due: new Map(),
  tick: null,
  started: false,
  stopping: false,
  lastPrune: new Map(),
  pruning: new Set(),
  busyMs: new Map(),
});
// A process that loaded an older version of this module (a reload in development) lacks the newer fields.
sampler.leading ??= new Set();
sampler.terms ??= new Map();
sampler.due ??= new Map();
sampler.pruning ??= new Set();
sampler.busyMs ??= new Map();
if (!(sampler.lastPrune instanceof Map)) sampler.lastPrune = new Map();

const PRUNE_EVERY_MS = 5 * 60_000;
const intervalMs = () => lagSampleIntervalMs() || 15_000;

/** Thrown when another instance samples the cluster. */
class NotLeader extends Error {}

/** Registers a function that sees every sample of every cluster (once per name across reloads). */
export function onLagSample(listener: LagListener): void {
  if (!sampler.listeners.includes(listener)) sampler.listeners.push(listener);
}

/** This instance's own latest state of the cluster (it samples it, or did); null when it has none. */
export function lagState(clusterId: string): ClusterLagState | null {
  return sampler.states.get(clusterId) ?? null;
}

/** The cluster's last failed sample here, when no sample has succeeded since: when, and why in words safe to show. */
export function lastLagError(clusterId: string): SampleError | null {
  return sampler.errors.get(clusterId) ?? null;
}

/** When the cluster's sample now running here started; null when none is running. */
export function sampleInFlightSince(clusterId: string): number | null {
  return sampler.inFlightSince.get(clusterId) ?? null;
}

/** Whether this instance holds the cluster's sampling lease. */
export function isLeading(clusterId: string): boolean {
  return sampler.leading.has(clusterId);
}

/** Judges the cluster's latest sample again with new options (its lag settings changed), here and in this instance's copy of the leader's. */
export function rejudgeCluster(clusterId: string, options: LagOptions): void {
  const s = sampler.states.get(clusterId);
  if (s) sampler.states.set(clusterId, rejudgeLagState(s, options));
  rejudgeStoredCopy(clusterId, options);
}

/**
 * Holds the cluster's lease: the loop renews it; outside the loop (tests, tools, a page when nobody samples) it is
 * taken or renewed here. On a new term, continues from the stored state when that is newer than this instance's.
 */
async function lead(clusterId: string): Promise<boolean> {
  if (sampler.leading.has(clusterId) && sampler.started) return true;
  const term = await tryAcquireLease(clusterId);
  if (term === null) {
    loseLead(clusterId);
    return false;
  }
  if (sampler.terms.get(clusterId) !== term) {
    sampler.terms.set(clusterId, term);
    forgetHistoryWrite(clusterId);
    // A window with a hole longer than itself says nothing: older stored state is not continued.
    const stored = await loadStoredState(clusterId, lagWindowSize() * intervalMs());
    const mine = sampler.states.get(clusterId);
    if (stored && (!mine || stored.latest.takenAt > mine.latest.takenAt)) sampler.states.set(clusterId, stored);
    logger.info("lag sampling taken over", { clusterId, term, ...(stored ? { continuesFrom: new Date(stored.latest.takenAt).toISOString() } : {}) });
  }
  sampler.leading.add(clusterId);
  return true;
}

function loseLead(clusterId: string): void {
  if (!sampler.leading.delete(clusterId)) return;
  const due = sampler.due.get(clusterId);
  if (due) clearTimeout(due.timer);
  sampler.due.delete(clusterId);
  logger.info("lag sampling handed over", { clusterId });
}

/**
 * Takes a sample of one cluster now (sharing one already in flight), records it, and tells the listeners. Only
 * the lease holder samples: this instance takes the lease when nobody holds it, and is refused (NOT_LEADER) when
 * another instance does.
 */
export function sampleCluster(cluster: Cluster): Promise<ClusterLagState> {
  const running = sampler.inFlight.get(cluster.id);
  if (running) return running;
  const p = (async () => {
    try {
      if (!(await lead(cluster.id))) throw new NotLeader();
      const snapshot = await fetchLagSnapshot(cluster, { extraTopics: await designTopics(cluster.id) });
      // Read after the snapshot, so a settings change made while it was taken is not undone by it.
      const options = await lagOptionsFor(cluster.id);
      // Judging and encoding a big cluster's sample keeps this thread busy: no renewal runs meanwhile.
      if (!(await extendLease(cluster.id, sampler.busyMs.get(cluster.id) ?? 0))) {
        loseLead(cluster.id);
        throw new NotLeader();
      }
      const busyFrom = Date.now();
      const before = sampler.states.get(cluster.id) ?? null;
      const state = advanceLagState(before, snapshot, options, { maxAgeMs: lagEndHistoryMinutes() * 60_000 });
      const { committed, rows } = await commitRound(cluster.id, state);
      sampler.busyMs.set(cluster.id, Date.now() - busyFrom);
      if (!committed) {
        loseLead(cluster.id);
        throw new NotLeader();
      }
      sampler.states.set(cluster.id, state);
      sampler.errors.delete(cluster.id);
      for (const listener of sampler.listeners) {
        await listener(cluster, state).catch((e) => logger.error("lag listener failed", { cluster: cluster.name, error: e }));
      }
      maybePrune(cluster.id, rows);
      return state;
    } catch (e) {
      if (e instanceof NotLeader) throw new AppError("CONFLICT", { message: "not the sampling leader", userMessage: "Another console instance samples this cluster." });
      const error = { at: Date.now(), message: classifyKafkaError(e, cluster.bootstrapServers).userMessage };
      sampler.errors.set(cluster.id, error);
      if (sampler.leading.has(cluster.id)) {
        // After the earlier rounds' state (written behind them), so that it does not clear this error.
        await stateWritten(cluster.id, 5000);
        await saveLagError(cluster.id, error).catch(() => {});
      }
      throw e;
    } finally {
      sampler.inFlight.delete(cluster.id);
      sampler.inFlightSince.delete(cluster.id);
    }
  })();
  sampler.inFlight.set(cluster.id, p);
  sampler.inFlightSince.set(cluster.id, Date.now());
  return p;
}

export interface RoundCommit {
  committed: boolean;
  /** Raw points written (one per group and topic). */
  rows: number;
  /** Writing the points, in the round's transaction (ms). */
  pointsMs: number;
}

/**
 * Commits one round of the leader: its raw lag points (one batch), in one transaction that first checks the lease
 * is still this instance's (nothing is written when it is not); then its state is written behind it
 * (lag-state-writer.ts). At 20,000 groups the state is megabytes that take seconds to encode and write; the round's
 * history does not wait for them.
 */
export async function commitRound(clusterId: string, state: ClusterLagState): Promise<RoundCommit> {
  const rows = lagPointRows(state);
  const ids = await ensureSeries(clusterId, rows);
  let pointsMs = 0;
  const at = new Date(state.latest.takenAt);
  const committed = await prisma.$transaction(
    async (tx) => {
      if (!(await fenceLease(tx, clusterId))) return false;
      const t = performance.now();
      await writeLagPoints(tx, ids, rows, at);
      pointsMs = performance.now() - t;
      return true;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  if (committed) writeStateBehind(clusterId, state, () => sampler.errors.get(clusterId)?.at ?? 0);
  return { committed, rows: rows.length, pointsMs: Math.round(pointsMs) };
}

/** Folds and prunes the cluster's history every few minutes, behind the sample (never more than one at a time). */
function maybePrune(clusterId: string, series: number): void {
  const last = sampler.lastPrune.get(clusterId) ?? 0;
  if (Date.now() - last < PRUNE_EVERY_MS || sampler.pruning.has(clusterId)) return;
  sampler.lastPrune.set(clusterId, Date.now());
  sampler.pruning.add(clusterId);
  pruneLagPoints(clusterId, series)
    .catch((e) => logger.error("lag retention failed", { clusterId, error: e }))
    .finally(() => sampler.pruning.delete(clusterId));
}

/** What a page of this instance knows of a cluster's lag: the state, the last error after it, a sample running. */
export interface KnownLag {
  state: ClusterLagState | null;
  error: SampleError | null;
  samplingSince: number | null;
  /** Whether this instance samples the cluster (its memory), or reads what the leader stored. */
  leader: boolean;
}

/**
 * The cluster's lag as this instance knows it, without sampling: its own state when it leads the cluster, else
 * the leader's stored state (checked at most once a second, decoded once per round).
 */
export async function knownLag(cluster: Cluster): Promise<KnownLag> {
  if (sampler.leading.has(cluster.id)) {
    return { state: sampler.states.get(cluster.id) ?? null, error: lastLagError(cluster.id), samplingSince: sampleInFlightSince(cluster.id), leader: true };
  }
  const stored = await storedLagView(cluster.id);
  return { state: stored?.state ?? null, error: stored?.error ?? null, samplingSince: null, leader: false };
}

/**
 * The cluster's lag state for a page. On the leader: the latest sample when it is younger than `maxAgeMs`; when
 * older but younger than `staleMs`, still that one while a fresh sample is taken behind it (pages never wait on a
 * big cluster's sample); otherwise a sample taken now. On another instance: the leader's stored state. When no
 * instance samples the cluster (none holds its lease), this one takes the lease and samples.
 */
export async function freshLagState(cluster: Cluster, maxAgeMs: number, staleMs = maxAgeMs): Promise<ClusterLagState> {
  if (!sampler.leading.has(cluster.id) && (await leasedElsewhere(cluster.id))) {
    const known = await knownLag(cluster);
    if (known.state) return known.state;
    // The leader has not stored its first sample yet: wait for it a little.
    const deadline = Date.now() + Math.min(10_000, intervalMs() * 2);
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      const view = await storedLagView(cluster.id, { fresh: true });
      if (view?.state) return view.state;
    }
    throw new AppError("BUSY", { message: "no stored lag state yet", userMessage: "The first lag sample of this cluster is being taken by another console instance. Try again in a moment." });
  }
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
 * Samples every cluster this instance may lead once, each on its own. A round waits at most `maxWaitMs`: a cluster
 * that is slow or unreachable keeps its sample in flight, and the next round skips it until it ends (sampleCluster
 * shares an in-flight sample), so it never holds up the others. Clusters another instance leads are left to it.
 */
export async function sampleAllClusters(maxWaitMs = Infinity): Promise<void> {
  const clusters = await prisma.cluster.findMany();
  const all = Promise.allSettled(clusters.map((c) => sampleCluster(c)));
  await (Number.isFinite(maxWaitMs) ? Promise.race([all, new Promise((r) => setTimeout(r, maxWaitMs).unref?.())]) : all);
  forgetRemoved(new Set(clusters.map((c) => c.id)));
}

function forgetRemoved(ids: ReadonlySet<string>): void {
  for (const id of sampler.states.keys()) {
    if (ids.has(id)) continue;
    sampler.states.delete(id);
    sampler.errors.delete(id);
    forgetSeries(id);
    loseLead(id);
  }
  forgetStoredCopies(ids);
}

/**
 * One tick of the loop (every quarter interval): renews the leases held, takes over the ones that expired, and
 * keeps one timer per led cluster for its next sample, due an interval after the previous one started (at once
 * for a cluster just taken over whose last stored sample is that old).
 */
async function tick(): Promise<void> {
  const clusters = await prisma.cluster.findMany();
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const held = await renewLeases([...sampler.leading]);
  for (const id of [...sampler.leading]) if (!held.has(id) || !byId.has(id)) loseLead(id);
  for (const c of clusters) {
    if (sampler.stopping) return;
    if (!sampler.leading.has(c.id)) await lead(c.id).catch((e) => logger.error("lag lease failed", { cluster: c.name, error: e }));
    if (sampler.leading.has(c.id) && !sampler.due.has(c.id)) {
      const last = sampler.states.get(c.id)?.latest.takenAt ?? 0;
      schedule(c.id, Math.max(Date.now(), last + intervalMs()));
    }
  }
  forgetRemoved(new Set(byId.keys()));
}

function schedule(clusterId: string, at: number): void {
  const timer = setTimeout(() => void fire(clusterId, at), Math.max(0, at - Date.now()));
  timer.unref?.();
  sampler.due.set(clusterId, { at, timer });
}

async function fire(clusterId: string, dueAt: number): Promise<void> {
  if (sampler.stopping || !sampler.leading.has(clusterId)) return;
  const cluster = await prisma.cluster.findUnique({ where: { id: clusterId } }).catch(() => null);
  if (!cluster) {
    sampler.due.delete(clusterId);
    return;
  }
  const started = Date.now();
  try {
    await sampleCluster(cluster);
  } catch (e) {
    if (!(e instanceof AppError && e.code === "CONFLICT")) logger.debug("lag sample failed", { cluster: cluster.name, error: e });
  }
  const mine = sampler.due.get(clusterId);
  if (sampler.stopping || !sampler.leading.has(clusterId) || (mine && mine.at !== dueAt)) {
    // Handed over, or the lease was lost and taken again meanwhile (the tick scheduled anew): this timer's run ends.
    if (mine?.at === dueAt) sampler.due.delete(clusterId);
    return;
  }
  // Fixed rate: an interval after this one was due (or started, when late); at once when the sample took longer.
  schedule(clusterId, Math.max(Math.max(dueAt, started - intervalMs()) + intervalMs(), Date.now()));
}

/** Starts the loop once per process. */
export function startLagSampler(): void {
  const interval = lagSampleIntervalMs();
  if (sampler.started || interval === 0) return;
  sampler.started = true;
  sampler.stopping = false;
  const { tickMs } = leaseTimings(interval);
  const loop = async () => {
    try {
      await tick();
    } catch (e) {
      logger.error("lag sampling failed", { error: e });
    }
    if (sampler.stopping) return;
    sampler.tick = setTimeout(loop, tickMs);
    sampler.tick.unref?.();
  };
  sampler.tick = setTimeout(loop, 0);
  sampler.tick.unref?.();
}

/**
 * Stops sampling (on shutdown) and hands the leases over at once: expired, so another instance takes over at its
 * next tick. A sample still in flight writes nothing: its lease fence fails.
 */
export async function stopLagSampler(): Promise<number> {
  sampler.stopping = true;
  if (sampler.tick) clearTimeout(sampler.tick);
  for (const id of [...sampler.leading]) loseLead(id);
  // The newest state first (its fence still holds: the leases are released after), briefly.
  await allStatesWritten(5000);
  return releaseLeases();
}

/** Whether the loop runs (and is not stopping). */
export function samplerRunning(): boolean {
  return sampler.started && !sampler.stopping;
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
