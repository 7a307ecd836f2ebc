import "server-only";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { rejudgeLagState } from "@/lib/groups/advance-lag-state";
import { historyUpdates } from "@/lib/groups/end-history";
import { decodeEndHistory, decodeLagState, encodeEndHistorySteps, encodeLagStateSteps, restoreLagState } from "@/lib/groups/lag-state-codec";
import type { LagOptions } from "@/lib/groups/lag-window";
import type { Prisma } from "@/prisma/generated/client";
import { lagEndHistoryMinutes } from "@/server/config";
import { prisma, storeKind } from "@/server/db/prisma";
import { logger } from "@/server/log";
import type { ClusterLagState } from "./lag-state";
import { instanceId } from "./sampler-lease";

// The sampling leader's state of each cluster in the store (LagSamplerState): written in every round's
// transaction (lib/groups/lag-state-codec.ts, gzip'd), read by the pages of the other instances (decoded once per
// round and cached), and by a new leader, which continues from it. The last failed sample since the latest good
// one is kept beside it, so every instance can say a cluster is unreachable.

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** How long a reader trusts its copy before asking the store whether a newer round is there. */
const CHECK_EVERY_MS = 1000;

export type SampleError = { at: number; message: string };

export interface PackedLagState {
  data: Uint8Array<ArrayBuffer>;
  /** The end-offset history, when this round stores it (once a minute); null: the stored one stays. */
  history: Uint8Array<ArrayBuffer> | null;
}

const gzipped = async (bytes: Uint8Array) => {
  const packed = await gzip(bytes, { level: 1 });
  return new Uint8Array(packed.buffer as ArrayBuffer, packed.byteOffset, packed.byteLength);
};

/** Runs the encoder's steps, letting requests and timers run between them (a big cluster's state takes seconds). */
async function encodeYielding(steps: Generator<void, Uint8Array<ArrayBuffer>, void>): Promise<Uint8Array<ArrayBuffer>> {
  let sliceFrom = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceFrom >= ENCODE_SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceFrom = performance.now();
    }
  }
}

/** The longest the encoder keeps the thread before letting other work run (ms). */
const ENCODE_SLICE_MS = 40;

/** The state as stored bytes (encoded in slices between other work, compressed in libuv's thread pool). */
export async function packLagState(state: ClusterLagState, withHistory: boolean): Promise<PackedLagState> {
  const data = gzipped(await encodeYielding(encodeLagStateSteps(state)));
  // The end-offset history is updated in place by the next round, which may come while this one is encoded (the
  // rest of the state is never changed once made): bytes of a history that changed meanwhile are not stored, and
  // the stored one stays until the next write.
  let history: Promise<Uint8Array<ArrayBuffer>> | null = null;
  if (withHistory) {
    const before = historyUpdates(state.endHistory);
    const bytes = await encodeYielding(encodeEndHistorySteps(state.endHistory)).catch(() => null);
    if (bytes && historyUpdates(state.endHistory) === before) history = gzipped(bytes);
  }
  return { data: await data, history: await history };
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/**
 * Writes the round's state (in the round's transaction, after its lease fence), with its end-offset history when
 * packed. On PostgreSQL as hex text decoded by the server: Prisma binds a large Bytes value slowly (about 4 s for
 * 9 MB here), the hex string in milliseconds.
 */
export async function saveLagState(tx: Prisma.TransactionClient, clusterId: string, takenAt: number, packed: PackedLagState, opts: { keepError?: boolean } = {}): Promise<void> {
  const { data, history } = packed;
  if (storeKind() === "postgres") {
    // A failed sample recorded after this round (keepError) stays: it is newer than this state.
    const error = opts.keepError ? "" : `, "errorAt" = NULL, "error" = NULL`;
    const at = new Date(takenAt).toISOString();
    await tx.$executeRawUnsafe(
      `INSERT INTO "LagSamplerState" ("clusterId", "takenAt", "holder", "data", "history", "historyAt", "errorAt", "error", "updatedAt")
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::timestamp(3), $3, decode($4, 'hex'), decode($5, 'hex'),
               CASE WHEN $5::text IS NULL THEN NULL ELSE ($2::timestamptz AT TIME ZONE 'UTC')::timestamp(3) END, NULL, NULL, (now() AT TIME ZONE 'UTC')::timestamp(3))
       ON CONFLICT ("clusterId") DO UPDATE SET "takenAt" = excluded."takenAt", "holder" = excluded."holder", "data" = excluded."data",
         "history" = COALESCE(excluded."history", "LagSamplerState"."history"), "historyAt" = COALESCE(excluded."historyAt", "LagSamplerState"."historyAt"),
         "updatedAt" = excluded."updatedAt"${error}`,
      clusterId,
      at,
      instanceId(),
      hex(data),
      history ? hex(history) : null,
    );
    return;
  }
  const row = { takenAt: new Date(takenAt), holder: instanceId(), data, ...(opts.keepError ? {} : { errorAt: null, error: null }), ...(history ? { history, historyAt: new Date(takenAt) } : {}) };
  await tx.lagSamplerState.upsert({ where: { clusterId }, create: { clusterId, ...row }, update: row });
}

/** The state from its stored bytes: the carried part, the end-offset history added, verdicts and time lags recomputed. */
async function unpack(data: Uint8Array, history: Uint8Array | null): Promise<ClusterLagState> {
  const [carried, ends] = await Promise.all([gunzip(data), history?.length ? gunzip(history) : null]);
  return restoreLagState(decodeLagState(carried), ends ? decodeEndHistory(ends) : null, { maxAgeMs: lagEndHistoryMinutes() * 60_000 });
}

/** Records a failed sample for every instance's pages (by the leader; a row without state when none was ever stored). */
export async function saveLagError(clusterId: string, error: SampleError): Promise<void> {
  const fields = { errorAt: new Date(error.at), error: error.message, holder: instanceId() };
  await prisma.lagSamplerState.upsert({ where: { clusterId }, create: { clusterId, takenAt: new Date(0), data: new Uint8Array(0), ...fields }, update: fields });
}

/** The stored state to continue from, when one is stored and not older than `maxAgeMs`. */
export async function loadStoredState(clusterId: string, maxAgeMs: number, now = Date.now()): Promise<ClusterLagState | null> {
  const row = await prisma.lagSamplerState.findUnique({ where: { clusterId }, select: { takenAt: true, data: true, history: true } });
  if (!row || !row.data.length || now - row.takenAt.getTime() > maxAgeMs) return null;
  try {
    return await unpack(row.data, row.history);
  } catch (e) {
    logger.warn("stored lag state unreadable, starting afresh", { clusterId, error: e });
    return null;
  }
}

// ---- Readers on the other instances.

interface Copy {
  /** The stored round this copy holds (0: none decoded yet). */
  takenAt: number;
  state: ClusterLagState | null;
  error: SampleError | null;
  holder: string | null;
  checkedAt: number;
  decoding: Promise<void> | null;
}

const g = globalThis as unknown as { topiaryLagCopies?: Map<string, Copy> };
const copies: Map<string, Copy> = (g.topiaryLagCopies ??= new Map());

export interface StoredLagView {
  state: ClusterLagState | null;
  error: SampleError | null;
  /** Which instance wrote it. */
  holder: string | null;
}

/**
 * The cluster's state as the leader last stored it, with its last error; null when nothing is stored. Checked
 * against the store at most once a second. When a newer round is stored and a copy is at hand, the copy is given
 * while the newer one is decoded behind it (pages never wait for a decode), unless `fresh` asks to wait.
 */
export async function storedLagView(clusterId: string, opts: { fresh?: boolean } = {}): Promise<StoredLagView | null> {
  const now = Date.now();
  let copy = copies.get(clusterId);
  if (copy && now - copy.checkedAt < CHECK_EVERY_MS && !opts.fresh) return view(copy);
  const head = await prisma.lagSamplerState.findUnique({ where: { clusterId }, select: { takenAt: true, errorAt: true, error: true, holder: true } });
  if (!head) return copy ? view(copy) : null;
  if (!copy) {
    copy = { takenAt: 0, state: null, error: null, holder: null, checkedAt: 0, decoding: null };
    copies.set(clusterId, copy);
  }
  copy.checkedAt = now;
  copy.holder = head.holder;
  copy.error = head.errorAt && head.error ? { at: head.errorAt.getTime(), message: head.error } : null;
  const storedAt = head.takenAt.getTime();
  if (storedAt > copy.takenAt) {
    const c = copy;
    c.decoding ??= decode(clusterId, c).finally(() => (c.decoding = null));
    if (!c.state || opts.fresh) await c.decoding;
  }
  return view(copy);
}

const view = (c: Copy): StoredLagView => ({ state: c.state, error: c.error, holder: c.holder });

async function decode(clusterId: string, copy: Copy): Promise<void> {
  const row = await prisma.lagSamplerState.findUnique({ where: { clusterId }, select: { takenAt: true, data: true, history: true } });
  if (!row || !row.data.length) return;
  try {
    copy.state = await unpack(row.data, row.history);
    copy.takenAt = row.takenAt.getTime();
  } catch (e) {
    logger.warn("stored lag state unreadable", { clusterId, error: e });
  }
}

/** Judges this instance's copy again with new options (the settings were changed through this instance). */
export function rejudgeStoredCopy(clusterId: string, options: LagOptions): void {
  const copy = copies.get(clusterId);
  if (copy?.state) copy.state = rejudgeLagState(copy.state, options);
}

/** Forgets the copies of clusters no longer there. */
export function forgetStoredCopies(keep: ReadonlySet<string>): void {
  for (const id of copies.keys()) if (!keep.has(id)) copies.delete(id);
}
