import type { Topology } from "../designs/design-schema";
import { contractSubjects, subjectNamingOf, type SubjectNamingStrategy } from "../contracts/subject-naming";
import { registrySchemaType } from "../registry/registry-formats";
import { breakingChanges, describeBreakingChange } from "./contract-compatibility";
import type { ContractChange, ContractPlan, ContractPlanPart, DesiredSubject, LiveSubject } from "./contract-plan-types";
import type { Plan } from "./plan-types";
import { stableHash } from "./stable-hash";

// What applying a design's contracts would do on the bound cluster's Schema Registry (issue 19, item 6). Each
// topic's contract (value, and key when given) goes under the subject the design's naming strategy gives it:
// a new subject is created, a contract the registry already holds as the subject's latest version is in sync
// (the registry's own lookup decides, so formatting and the registry's canonical form do not count), and a new
// version is registered only when the subject's compatibility level accepts it. A contract the level rejects
// is refused with the breaking field, and a refused contract blocks the whole apply, before anything is
// written: producers of the design would write data the registry refuses. Subjects are never deleted. Pure.

export interface ContractPlanInputs {
  strategy: SubjectNamingStrategy;
  registry: "configured" | "none";
  desired: DesiredSubject[];
  /** What the registry said per subject (read on the server for the desired subjects that have a name). */
  live: Map<string, LiveSubject>;
}

/** The subjects a design's contracts are registered under: each topic node with a contract, not marked for deletion. */
export function desiredSubjects(topology: Topology, nodeErrors: Map<string, string[]>): DesiredSubject[] {
  const strategy = subjectNamingOf(topology);
  const out: DesiredSubject[] = [];
  for (const n of topology.nodes) {
    if (n.kind !== "topic" || !n.data.contract || n.data.deleteOnApply) continue;
    const errors = nodeErrors.get(n.id);
    for (const s of contractSubjects(n.data.name, n.data.contract, strategy)) {
      const spec = n.data.contract[s.part]!;
      out.push({
        nodeId: n.id,
        topic: n.data.name,
        part: s.part,
        subject: s.subject,
        schemaType: registrySchemaType(spec.format),
        schema: spec.text,
        ...(s.problem ? { problem: s.problem } : {}),
        ...(errors?.length ? { nodeErrors: errors } : {}),
      });
    }
  }
  return out;
}

const FORMAT = { AVRO: "avro", PROTOBUF: "protobuf", JSON: "json-schema" } as const;

function planOne(d: DesiredSubject, live: LiveSubject | undefined, taken: Map<string, DesiredSubject>): ContractPlan {
  const plan: ContractPlan = {
    nodeId: d.nodeId,
    topic: d.topic,
    part: d.part,
    subject: d.subject,
    schemaType: d.schemaType,
    status: "in-sync",
    change: null,
    latestVersion: live?.latest?.version ?? null,
    registeredAs: live?.registeredAs ?? null,
    level: live?.check?.level ?? null,
    before: live?.latest?.schema ?? null,
    after: d.schema,
    breaking: [],
    refusals: [],
    warnings: [],
  };
  if (d.nodeErrors?.length) return { ...plan, status: "invalid", refusals: [...d.nodeErrors] };
  if (d.problem || d.subject === null) return { ...plan, status: "refused", refusals: [d.problem ?? "The subject cannot be named"] };
  const first = taken.get(d.subject);
  if (first && (first.schema !== d.schema || first.schemaType !== d.schemaType)) {
    return { ...plan, status: "refused", refusals: [`Topic "${first.topic}" (${first.part}) registers another schema under the same subject "${d.subject}": choose another naming strategy or make the contracts equal`] };
  }
  if (!live) return { ...plan, status: "refused", refusals: ["The registry was not asked about this subject"] };
  if (live.error) return { ...plan, status: "refused", refusals: [live.error], unreadable: true };
  if (!live.latest) return { ...plan, status: "create", change: change(d, null) };
  if (live.registeredAs === live.latest.version) return { ...plan, before: null };
  if (live.registeredAs !== null) {
    return {
      ...plan,
      status: "older-version",
      warnings: [`The contract is version ${live.registeredAs} of ${d.subject}; the latest is version ${live.latest.version}, registered since. Apply does not register it again (the registry would keep version ${live.latest.version} as the latest).`],
    };
  }
  if (!live.check) return { ...plan, status: "refused", refusals: ["The subject's compatibility could not be checked"] };
  if (live.check.compatible) return { ...plan, status: "update", change: change(d, live.latest.version) };
  const breaking = breakingChanges(live.check.messages, { format: FORMAT[d.schemaType], newText: d.schema, oldText: live.latest.schema });
  const head = `The subject's compatibility level ${live.check.level} rejects it against version ${live.latest.version}`;
  const refusals = breaking.length ? breaking.map((b) => `${head}: ${describeBreakingChange(b)}`) : [`${head}.`];
  return { ...plan, status: "refused", breaking, refusals };
}

function change(d: DesiredSubject, fromVersion: number | null): ContractChange {
  return { kind: "registerSchema", nodeId: d.nodeId, topic: d.topic, part: d.part, subject: d.subject!, schemaType: d.schemaType, fromVersion };
}

export function planContracts(inputs: ContractPlanInputs): ContractPlanPart {
  const empty = { strategy: inputs.strategy, registry: inputs.registry, subjects: [], changes: [] };
  if (inputs.registry === "none") return { ...empty, hash: stableHash({ strategy: inputs.strategy, registry: "none" }) };
  const taken = new Map<string, DesiredSubject>();
  const subjects: ContractPlan[] = [];
  const registering = new Set<string>();
  for (const d of inputs.desired) {
    const p = planOne(d, d.subject === null ? undefined : inputs.live.get(d.subject), taken);
    if (d.subject !== null && !taken.has(d.subject)) taken.set(d.subject, d);
    // Two topics with one record under RecordNameStrategy: the subject is registered once.
    if (p.change && registering.has(p.change.subject)) p.change = null;
    if (p.change) registering.add(p.change.subject);
    subjects.push(p);
  }
  const changes = subjects.flatMap((s) => (s.change ? [s.change] : []));
  const hash = stableHash({ strategy: inputs.strategy, subjects: subjects.map((s) => [s.nodeId, s.part, s.subject, s.status, s.latestVersion, s.registeredAs, s.level]) });
  return { ...empty, subjects, changes, hash };
}

/** The plan with its contracts' part: registrations after the topics' changes, refusals blocking, one hash. */
export function withContractPlan(plan: Plan, part: ContractPlanPart | null): Plan {
  if (!part) return plan;
  const blocking = part.subjects
    .filter((s) => s.status === "refused")
    .flatMap((s) => s.refusals.map((r) => `contract of topic "${s.topic}" (${s.subject ?? s.part}): ${r}`));
  return { ...plan, contracts: part, changes: [...plan.changes, ...part.changes], blockingErrors: [...plan.blockingErrors, ...blocking], hash: stableHash([plan.hash, part.hash]) };
}

export type { ContractChange };
