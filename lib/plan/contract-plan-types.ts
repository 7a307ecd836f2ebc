import type { ContractPart } from "../contracts/contract-schema";
import type { SubjectNamingStrategy } from "../contracts/subject-naming";
import type { CompatibilityLevel, RegistrySchemaType } from "../registry/registry-schemas";
import type { BreakingChange } from "./contract-compatibility";

// The shapes of the contracts' part of a plan (issue 19, item 6): for each topic's contract, the Schema Registry
// subject it is registered under and what apply does about it. Everything here may reach the browser.

/** One part (value or key) of a topic node's contract, with the subject the design's strategy gives it. */
export interface DesiredSubject {
  nodeId: string;
  topic: string;
  part: ContractPart;
  /** null when the strategy cannot name it (see problem). */
  subject: string | null;
  schemaType: RegistrySchemaType;
  /** The schema as the design holds it (what apply registers). */
  schema: string;
  /** Why it cannot be named (a record name missing under RecordNameStrategy). */
  problem?: string;
  /** The design's errors on its topic node: such a subject is not planned. */
  nodeErrors?: string[];
}

/** A subject as the registry answered about it (read on the server). */
export interface LiveSubject {
  subject: string;
  /** The newest version that is not deleted; null when the subject has none. */
  latest: { version: number; id: number; schemaType: RegistrySchemaType; schema: string } | null;
  /** The version the contract already is under this subject (the registry's lookup); null when it is none. */
  registeredAs: number | null;
  /** The registry's compatibility check of the contract against the latest version (only when it is new). */
  check: { level: CompatibilityLevel; compatible: boolean; messages: string[] } | null;
  /** Why the registry could not be read for this subject. */
  error: string | null;
}

export interface ContractChange {
  kind: "registerSchema";
  nodeId: string;
  topic: string;
  part: ContractPart;
  subject: string;
  schemaType: RegistrySchemaType;
  /** The latest version it follows (null: a new subject). */
  fromVersion: number | null;
}

/**
 * create: a new subject; update: a new version; in-sync: the latest version is the contract; older-version: the
 * contract is an earlier version (registering it again would not make it the latest: nothing is done);
 * refused: the subject's level rejects it, or it cannot be named or read; invalid: the design has errors there.
 */
export type ContractPlanStatus = "create" | "update" | "in-sync" | "older-version" | "refused" | "invalid";

export interface ContractPlan {
  nodeId: string;
  topic: string;
  part: ContractPart;
  subject: string | null;
  schemaType: RegistrySchemaType;
  status: ContractPlanStatus;
  change: ContractChange | null;
  latestVersion: number | null;
  /** The version the contract is, when it is one (in sync, or older). */
  registeredAs: number | null;
  /** The subject's compatibility level, when it was checked. */
  level: CompatibilityLevel | null;
  /** The latest version's schema (before) and the contract (after), for the diff; before is null for a new subject. */
  before: string | null;
  after: string;
  /** What the registry says breaks, each with its field when the message places it. */
  breaking: BreakingChange[];
  refusals: string[];
  warnings: string[];
  /** The registry could not be read about this subject (refused: nothing is known to compare). */
  unreadable?: boolean;
}

export interface ContractPlanPart {
  strategy: SubjectNamingStrategy;
  /** "none": the bound cluster has no Schema Registry, so contracts are not planned (said once). */
  registry: "configured" | "none";
  subjects: ContractPlan[];
  changes: ContractChange[];
  hash: string;
}

export function describeContractChange(c: ContractChange): string {
  return c.fromVersion === null ? `register ${c.subject} (${c.part} of ${c.topic}): new subject` : `register ${c.subject} (${c.part} of ${c.topic}): new version after ${c.fromVersion}`;
}
