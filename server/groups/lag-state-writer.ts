import "server-only";
import type { ClusterLagState } from "./lag-state";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { packLagState, saveLagState } from "./lag-state-store";
import { fenceLease } from "./sampler-lease";

// The sampling leader's state, written behind its rounds (lag-sampler.ts commits a round's history, then hands its
// state here): for the other instances' pages and for a next leader. At 20,000 groups the state is megabytes that
// take seconds to encode and write, so the round does not wait for it; one write runs at a time per cluster, and a
// round that ends meanwhile leaves its state waiting, only the newest one (the store never holds an older state after
// a newer). Each write checks the lease first, as the round does.

/** How often the end-offset history is stored with the state (every write stores the rest). */
const HISTORY_EVERY_MS = 60_000;

export interface StateWrite {
  /** The round it stored. */
  takenAt: number;
  written: boolean;
  ms: number;
  /** Bytes stored, with the end-offset history when stored. */
  bytes: number;
}

interface WriterGlobals {
  /** The write running per cluster, and the newest state waiting for it. */
  running: Map<string, { done: Promise<void>; pending: ClusterLagState | null }>;
  /** The cluster's last write: how long it took (encoding, compressing, writing) and its size. */
  last: Map<string, StateWrite>;
  /** When the cluster's end-offset history was last stored, in this leadership. */
  historyAt: Map<string, number>;
}

// On globalThis, as the sampler's own state (Next may load a module more than once in one process).
const g = globalThis as unknown as { topiaryLagStateWriter?: WriterGlobals };
const writer: WriterGlobals = (g.topiaryLagStateWriter ??= { running: new Map(), last: new Map(), historyAt: new Map() });

/**
 * Writes `state` behind the round, or leaves it waiting for the write running. `errorAt` gives when the cluster's
 * last sample failed (0: not since): an error newer than the state stays on the stored row.
 */
export function writeStateBehind(clusterId: string, state: ClusterLagState, errorAt: () => number): void {
  const current = writer.running.get(clusterId);
  if (current) {
    current.pending = state;
    return;
  }
  const entry: { done: Promise<void>; pending: ClusterLagState | null } = { done: Promise.resolve(), pending: null };
  entry.done = (async () => {
    let next: ClusterLagState | null = state;
    while (next) {
      const write = next;
      entry.pending = null;
      await writeState(clusterId, write, errorAt).catch((e) => logger.error("lag state write failed", { clusterId, error: e }));
      next = entry.pending;
    }
    writer.running.delete(clusterId);
  })();
  writer.running.set(clusterId, entry);
}

async function writeState(clusterId: string, state: ClusterLagState, errorAt: () => number): Promise<void> {
  const from = performance.now();
  // The end-offset history once a minute (and at the first write of a leadership): it is most of the state.
  const last = writer.historyAt.get(clusterId);
  const withHistory = last === undefined || state.latest.takenAt - last >= HISTORY_EVERY_MS;
  const packed = await packLagState(state, withHistory);
  const keepError = errorAt() > state.latest.takenAt;
  const written = await prisma.$transaction(
    async (tx) => {
      if (!(await fenceLease(tx, clusterId))) return false;
      await saveLagState(tx, clusterId, state.latest.takenAt, packed, { keepError });
      return true;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  if (written && packed.history) writer.historyAt.set(clusterId, state.latest.takenAt);
  const bytes = packed.data.byteLength + (packed.history?.byteLength ?? 0);
  writer.last.set(clusterId, { takenAt: state.latest.takenAt, written, ms: Math.round(performance.now() - from), bytes });
}

/** A new leadership stores the end-offset history with its first state. */
export function forgetHistoryWrite(clusterId: string): void {
  writer.historyAt.delete(clusterId);
}

/** Waits for the cluster's state writes to end (at most `maxMs`); gives the last one. */
export async function stateWritten(clusterId: string, maxMs = 60_000): Promise<StateWrite | null> {
  const until = Date.now() + maxMs;
  for (let w = writer.running.get(clusterId); w && Date.now() < until; w = writer.running.get(clusterId)) {
    await Promise.race([w.done, new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())).unref?.())]);
  }
  return writer.last.get(clusterId) ?? null;
}

/** Waits (at most `maxMs`) for every cluster's state writes, so a shutdown hands over the newest state. */
export async function allStatesWritten(maxMs: number): Promise<void> {
  await Promise.all([...writer.running.keys()].map((id) => stateWritten(id, maxMs)));
}
