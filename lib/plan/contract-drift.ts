import type { ContractPlan } from "./contract-plan-types";
import type { NodeDrift } from "./drift";
import type { Plan } from "./plan-types";

// How the bound cluster's Schema Registry differs from each topic's contract (issue 19, item 6), from the plan:
// a subject whose latest version is not the contract (changed by hand, or an older contract), one not registered
// yet, or one the registry refuses. A topic otherwise in sync shows as drifted when one of its subjects differs.

export type SubjectDriftState = "in-sync" | "not-registered" | "differs" | "older-version" | "refused" | "unknown";

export interface SubjectDrift {
  subject: string | null;
  part: ContractPlan["part"];
  state: SubjectDriftState;
  latestVersion: number | null;
  /** What differs, in words. */
  detail: string;
}

export interface ContractDrift {
  /** "none": the cluster has no Schema Registry, so contracts are not compared. */
  registry: "configured" | "none";
  subjects: SubjectDrift[];
}

function subjectDrift(s: ContractPlan): SubjectDrift {
  const base = { subject: s.subject, part: s.part, latestVersion: s.latestVersion };
  switch (s.status) {
    case "in-sync":
      return { ...base, state: "in-sync", detail: `${s.subject}: version ${s.latestVersion} is the contract` };
    case "create":
      return { ...base, state: "not-registered", detail: `${s.subject}: not registered yet (apply registers it)` };
    case "update":
      return { ...base, state: "differs", detail: `${s.subject}: the latest version (${s.latestVersion}) differs from the contract (apply registers it as a new version)` };
    case "older-version":
      return { ...base, state: "older-version", detail: `${s.subject}: the contract is version ${s.registeredAs}; the latest is version ${s.latestVersion}` };
    case "refused":
    case "invalid":
      if (s.unreadable) return { ...base, state: "unknown", detail: `${s.subject}: ${s.refusals[0] ?? "the registry did not answer"}` };
      return {
        ...base,
        state: "refused",
        detail: `${s.subject ?? s.part}: ${s.latestVersion !== null ? `the latest version (${s.latestVersion}) differs from the contract; ` : ""}${s.refusals[0] ?? "refused"}`,
      };
  }
}

/** Per topic node with a contract: each subject's state; empty when the design has no contract. */
export function contractDriftByNode(plan: Plan): Record<string, ContractDrift> {
  const part = plan.contracts;
  if (!part) return {};
  const out: Record<string, ContractDrift> = {};
  for (const s of part.subjects) (out[s.nodeId] ??= { registry: part.registry, subjects: [] }).subjects.push(subjectDrift(s));
  return out;
}

/** The drift answer's nodes with their contracts' drift; an in-sync topic whose subject differs is drifted. */
export function withContractDrift(nodes: Record<string, NodeDrift>, plan: Plan): Record<string, NodeDrift> {
  const out = { ...nodes };
  for (const [id, contract] of Object.entries(contractDriftByNode(plan))) {
    const existing = out[id];
    if (!existing) continue;
    // A subject the registry did not answer about is shown, but does not make the topic drifted.
    const off = contract.subjects.filter((s) => s.state !== "in-sync" && s.state !== "unknown");
    if (existing.status === "in-sync" && off.length) out[id] = { ...existing, status: "drifted", details: [...off.map((s) => s.detail), ...existing.details], contract };
    else out[id] = { ...existing, contract };
  }
  return out;
}
