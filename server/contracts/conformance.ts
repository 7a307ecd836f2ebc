import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import { checkConformance, CONFORMANCE_SAMPLE, type ContractCodecs, type TopicConformance } from "@/lib/contracts/conformance";
import type { Contract } from "@/lib/contracts/contract-schema";
import { errorMessage } from "@/lib/contracts/json-safe";
import { compileSchema } from "@/lib/contracts/schema-codec";
import { stableHash } from "@/lib/plan/stable-hash";
import { schemaIdOf, type DecodeSpec } from "@/lib/registry/payload-decoder.mjs";
import type { Cluster } from "@/prisma/generated/client";
import { optionalRegistryTarget } from "@/server/registry/registry-settings";
import { schemaById } from "@/server/registry/resolve-schema";
import { sampleNewest } from "./sample-newest";

// A topic's conformance to a contract (issue 19, item 7): its newest messages sampled (bounded in count, time
// and bytes) and checked (lib/contracts/conformance.ts). Results are kept per cluster, topic and contract for
// SAMPLE_EVERY_MS, so the canvases open on a design and the conformance alert rules share one sample; a check
// asked for by hand samples again unless the last sample is only seconds old, and so does a sample that found
// nothing to check (a topic not created yet, no message yet, a cluster that did not answer).

export const SAMPLE_EVERY_MS = 5 * 60_000;
/** A check by hand samples again once this long has passed since the last sample. */
const FRESH_AFTER_MS = 10_000;
const TOPIC_BUDGET_MS = 5_000;
const TOPIC_MAX_BYTES = 32 * 1024 * 1024;
const KEPT_RESULTS = 1000;

interface Kept {
  at: number;
  result: Promise<TopicConformance>;
  /** Set once the sample found nothing to check (no topic yet, no message, an error): kept only FRESH_AFTER_MS. */
  empty?: boolean;
}
const g = globalThis as unknown as { topiaryConformance?: Map<string, Kept> };
const kept = (g.topiaryConformance ??= new Map());

const reason = (e: unknown) => (e as { userMessage?: string }).userMessage ?? errorMessage(e);

function codecsOf(contract: Contract): ContractCodecs | string {
  const value = compileSchema(contract.value);
  if (!value.ok) return `the contract's value schema does not compile: ${value.problem.message}`;
  if (!contract.key) return { value: value.codec };
  const key = compileSchema(contract.key);
  if (!key.ok) return `the contract's key schema does not compile: ${key.problem.message}`;
  return { value: value.codec, key: key.codec };
}

/** The registry's schemas of the sample's framed values and keys (each id once; unknown ids are left out). */
async function framedSpec(cluster: Cluster, ids: Set<number>): Promise<DecodeSpec | null> {
  const target = await optionalRegistryTarget(cluster.id);
  if (!target) return null;
  const schemas: DecodeSpec["schemas"] = {};
  for (const id of ids) {
    try {
      const s = await schemaById(target, id);
      schemas[id] = { schemaType: s.schemaType, schema: s.schema, references: s.references };
    } catch {
      // Bytes that only look framed (an unframed value starting with a zero byte): checked with the contract.
    }
  }
  return { registryKey: target.cacheKey, schemas, value: null, key: null };
}

async function sample(cluster: Cluster, topic: string, contract: Contract): Promise<TopicConformance> {
  const sampledAt = new Date().toISOString();
  const empty = { topic, sampledAt, sampled: 0, conforming: 0, tombstones: 0, violations: [], complete: false };
  const codecs = codecsOf(contract);
  if (typeof codecs === "string") return { ...empty, error: codecs };
  try {
    const { messages, complete } = await sampleNewest(cluster, topic, { count: CONFORMANCE_SAMPLE, deadline: Date.now() + TOPIC_BUDGET_MS, maxBytes: TOPIC_MAX_BYTES });
    const ids = new Set<number>();
    for (const m of messages) for (const b of [m.value, m.key]) if (b) ids.add(schemaIdOf(b) ?? 0);
    ids.delete(0);
    const spec = ids.size ? await framedSpec(cluster, ids) : null;
    return { topic, sampledAt, complete, ...checkConformance(messages, codecs, spec) };
  } catch (e) {
    return { ...empty, error: reason(e) };
  }
}

/** A topic's conformance to a contract: the kept sample when recent, else a new one (`fresh`: unless seconds old). */
export function topicConformance(cluster: Cluster, topic: string, contract: Contract, opts: { fresh?: boolean } = {}): Promise<TopicConformance> {
  const key = `${cluster.id}\u0000${topic}\u0000${stableHash(contract)}`;
  const hit = kept.get(key);
  const age = hit ? Date.now() - hit.at : Infinity;
  if (hit && age < (opts.fresh || hit.empty ? FRESH_AFTER_MS : SAMPLE_EVERY_MS)) return hit.result;
  const result = sample(cluster, topic, contract);
  const entry: Kept = { at: Date.now(), result };
  void result.then((r) => (entry.empty = !!r.error || r.sampled === 0));
  kept.delete(key);
  kept.set(key, entry);
  if (kept.size > KEPT_RESULTS) kept.delete(kept.keys().next().value!);
  return result;
}

/** Forgets kept samples (tests). */
export function forgetConformance(): void {
  kept.clear();
}

/** Conformance of several topics with their contracts, two at a time. */
export function topicsConformance(cluster: Cluster, topics: { topic: string; contract: Contract }[], opts: { fresh?: boolean } = {}): Promise<TopicConformance[]> {
  return mapLimit(topics, 2, (t) => topicConformance(cluster, t.topic, t.contract, opts));
}
