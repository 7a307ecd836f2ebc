import { decodePart, type DecodeSpec } from "../registry/payload-decoder.mjs";
import type { SchemaCodec, ValueProblem } from "./codec-types";
import type { ContractPart } from "./contract-schema";

// Live conformance (issue 19, item 7): how many of a topic's newest messages conform to its contract, and the
// first that do not, with where and why. A value framed for the cluster's Schema Registry is decoded with the
// schema of its id (the message browser's decoder, lib/registry/payload-decoder.mjs) and the decoded value is
// checked against the contract; any other value is decoded with the contract itself. JSON Schema contracts check
// every keyword (Ajv); Avro and Protobuf ones check that the bytes decode and that the value has the contract's
// fields and types. Tombstones (no value) are not counted. Pure.

/** Messages sampled per topic, newest first across its partitions. */
export const CONFORMANCE_SAMPLE = 200;
/** Violating messages kept as examples, and problems kept per message. */
export const MAX_VIOLATION_EXAMPLES = 10;
export const MAX_PROBLEMS_PER_MESSAGE = 3;

export interface SampledMessage {
  partition: number;
  offset: string;
  timestamp: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
}

export interface ConformanceViolation {
  partition: number;
  offset: string;
  timestamp: number;
  part: ContractPart;
  /** Where and why ("" is the value itself), the first few. */
  problems: ValueProblem[];
}

export interface ConformanceCounts {
  /** Messages checked (tombstones left out). */
  sampled: number;
  conforming: number;
  tombstones: number;
  /** The first violating messages, oldest first. */
  violations: ConformanceViolation[];
}

export interface TopicConformance extends ConformanceCounts {
  topic: string;
  sampledAt: string;
  /** False when the read's time or byte budget ended before every chosen message was read. */
  complete: boolean;
  /** Why the topic could not be sampled (it does not exist, the cluster did not answer). */
  error?: string;
}

/** The conformance route's answer for a design: per topic node with a contract. */
export interface DesignConformance {
  bound: boolean;
  nodes: Record<string, TopicConformance>;
  /** How often a topic is sampled again while the design is open. */
  everyMs: number;
}

export interface ContractCodecs {
  value: SchemaCodec;
  key?: SchemaCodec;
}

function checkPart(part: ContractPart, bytes: Uint8Array, codec: SchemaCodec, spec: DecodeSpec | null): ValueProblem[] {
  const framed = spec ? decodePart(spec, part, bytes) : null;
  if (framed) return framed.ok ? codec.validate(framed.value) : [{ path: "", message: framed.reason }];
  const decoded = codec.decode(bytes);
  return decoded.ok ? decoded.problems : [{ path: "", message: `Does not decode with the contract: ${decoded.reason}` }];
}

/**
 * Checks sampled messages (oldest first) against a contract's codecs. `spec` decodes registry-framed bytes (its
 * schemas by id; its value and key schemas must be null, so that unframed bytes come back undecoded and are
 * checked with the contract): null when the cluster has no registry.
 */
export function checkConformance(messages: readonly SampledMessage[], codecs: ContractCodecs, spec: DecodeSpec | null): ConformanceCounts {
  const out: ConformanceCounts = { sampled: 0, conforming: 0, tombstones: 0, violations: [] };
  const framedOnly = spec ? { ...spec, value: null, key: null } : null;
  for (const m of messages) {
    if (m.value === null) {
      out.tombstones++;
      continue;
    }
    out.sampled++;
    let problems = checkPart("value", m.value, codecs.value, framedOnly);
    let part: ContractPart = "value";
    if (!problems.length && codecs.key) {
      part = "key";
      problems = m.key === null ? [{ path: "", message: "The message has no key; the contract has a key schema" }] : checkPart("key", m.key, codecs.key, framedOnly);
    }
    if (!problems.length) {
      out.conforming++;
      continue;
    }
    if (out.violations.length < MAX_VIOLATION_EXAMPLES) {
      out.violations.push({ partition: m.partition, offset: m.offset, timestamp: m.timestamp, part, problems: problems.slice(0, MAX_PROBLEMS_PER_MESSAGE) });
    }
  }
  return out;
}

/** The share that conforms, in percent (floored to a tenth, so 99.96 % never reads 100 %); null with nothing checked. */
export function conformancePercent(c: Pick<ConformanceCounts, "sampled" | "conforming">): number | null {
  if (!c.sampled) return null;
  return Math.floor((c.conforming / c.sampled) * 1000) / 10;
}

/** "97 % of 200 conform", "no messages yet", or why it could not be sampled. */
export function describeConformance(t: TopicConformance): string {
  if (t.error) return `not sampled: ${t.error}`;
  const p = conformancePercent(t);
  if (p === null) return t.tombstones ? `only tombstones among the newest ${t.tombstones}` : "no messages yet";
  return `${p} % of ${t.sampled.toLocaleString("en")} conform`;
}

/** "value.customer.email" style path for display: the part, then the field path ("value" alone for the whole value). */
export function violationPath(v: Pick<ConformanceViolation, "part">, p: ValueProblem): string {
  return p.path ? `${v.part}.${p.path}` : v.part;
}
