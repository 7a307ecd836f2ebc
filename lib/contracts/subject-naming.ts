import { z } from "zod";
import type { Contract, ContractPart, SchemaSpec } from "./contract-schema";
import { compileSchemaCached } from "./schema-codec";

// Which Schema Registry subject a topic's contract is registered under when a design is applied (issue 19,
// item 6). A design chooses one of the three strategies Confluent's serializers know; TopicNameStrategy is the
// default (and what a design without the setting uses):
// - TopicNameStrategy: "<topic>-value" and "<topic>-key";
// - RecordNameStrategy: the record's fully qualified name (Avro: namespace.name; Protobuf: the message type;
//   JSON Schema: its "title", as Confluent's JSON Schema serializer names it);
// - TopicRecordNameStrategy: "<topic>-<record name>".

export const SUBJECT_NAMING_STRATEGIES = ["TopicNameStrategy", "RecordNameStrategy", "TopicRecordNameStrategy"] as const;
export type SubjectNamingStrategy = (typeof SUBJECT_NAMING_STRATEGIES)[number];
export const DEFAULT_SUBJECT_NAMING: SubjectNamingStrategy = "TopicNameStrategy";

export const subjectNamingSchema = z.enum(SUBJECT_NAMING_STRATEGIES);

export const SUBJECT_NAMING_LABELS: Record<SubjectNamingStrategy, string> = {
  TopicNameStrategy: "topic name (<topic>-value)",
  RecordNameStrategy: "record name (<record>)",
  TopicRecordNameStrategy: "topic and record name (<topic>-<record>)",
};

/** The strategy a design uses: its own setting, or the default. */
export const subjectNamingOf = (t: { subjectNaming?: SubjectNamingStrategy }): SubjectNamingStrategy => t.subjectNaming ?? DEFAULT_SUBJECT_NAMING;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The fully qualified name of the record a schema describes; a problem in words when it names none. */
export function recordNameOf(spec: SchemaSpec): { name: string } | { problem: string } {
  switch (spec.format) {
    case "avro": {
      const s = parseJson(spec.text);
      if (!isObj(s) || typeof s.name !== "string" || !["record", "enum", "fixed", "error"].includes(String(s.type))) {
        return { problem: "the Avro schema is not a named type (record, enum or fixed), so it has no record name" };
      }
      const ns = typeof s.namespace === "string" && s.namespace && !s.name.includes(".") ? `${s.namespace}.` : "";
      return { name: `${ns}${s.name}` };
    }
    case "protobuf": {
      const compiled = compileSchemaCached(spec);
      if (!compiled.ok || !compiled.codec.messageType) return { problem: "the Protobuf schema does not compile, so its message type is unknown" };
      return { name: compiled.codec.messageType };
    }
    case "json-schema": {
      const s = parseJson(spec.text);
      if (!isObj(s) || typeof s.title !== "string" || !s.title.trim()) return { problem: 'the JSON Schema has no "title", which names its record for this strategy' };
      return { name: s.title.trim() };
    }
  }
}

export interface ContractSubject {
  part: ContractPart;
  /** null when the strategy cannot name it (see problem). */
  subject: string | null;
  problem?: string;
}

/** The subject of one part of a topic's contract under a strategy. */
export function subjectFor(topic: string, part: ContractPart, spec: SchemaSpec, strategy: SubjectNamingStrategy): ContractSubject {
  if (strategy === "TopicNameStrategy") return { part, subject: `${topic}-${part}` };
  const record = recordNameOf(spec);
  if ("problem" in record) return { part, subject: null, problem: `${strategy}: ${record.problem}` };
  return { part, subject: strategy === "RecordNameStrategy" ? record.name : `${topic}-${record.name}` };
}

/** The subjects of a topic's contract: the value's, then the key's when the contract has one. */
export function contractSubjects(topic: string, contract: Contract, strategy: SubjectNamingStrategy): ContractSubject[] {
  const out = [subjectFor(topic, "value", contract.value, strategy)];
  if (contract.key) out.push(subjectFor(topic, "key", contract.key, strategy));
  return out;
}

/**
 * AsyncAPI has no place for a registry's subject naming: Topiary's export carries it in a root-level
 * `x-topiary-subject-naming` extension (only when the design sets one), and the import reads it back.
 */
export const SUBJECT_NAMING_X = "x-topiary-subject-naming";

/** The strategy from an imported document's extension; undefined (and a warning when it holds something else) when none. */
export function subjectNamingFromExtension(value: unknown, warnings: string[]): SubjectNamingStrategy | undefined {
  if (value === undefined) return undefined;
  const parsed = subjectNamingSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  warnings.push(`${SUBJECT_NAMING_X} is not one of ${SUBJECT_NAMING_STRATEGIES.join(", ")} and was ignored`);
  return undefined;
}
