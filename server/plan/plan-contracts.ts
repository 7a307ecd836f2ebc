import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import { errorMessage } from "@/lib/contracts/json-safe";
import { subjectNamingOf } from "@/lib/contracts/subject-naming";
import type { Topology } from "@/lib/designs/design-schema";
import { validateDesign } from "@/lib/designs/validate-design";
import { desiredSubjects, planContracts } from "@/lib/plan/contract-plan";
import type { ContractPlanPart, DesiredSubject, LiveSubject } from "@/lib/plan/contract-plan-types";
import type { RegistrySchemaType } from "@/lib/registry/registry-schemas";
import type { Cluster } from "@/prisma/generated/client";
import { registryCall, registryPath, RegistryError, type RegistryTarget } from "@/server/registry/registry-client";
import { checkCompatibility } from "@/server/registry/registry-changes";
import { optionalRegistryTarget } from "@/server/registry/registry-settings";

// The contracts' part of a plan (issue 19, item 6): the design's contracts named by its strategy, each subject
// read from the bound cluster's Schema Registry — its latest version, the registry's own lookup of the contract
// under it (POST /subjects/{s}: "this schema is already version n"), and, for a new version, the registry's
// verbose compatibility check against the latest (POST /compatibility/subjects/{s}/versions/latest?verbose=true)
// — then the pure plan. Nothing is written here.

export interface ContractPlanning {
  part: ContractPlanPart;
  desired: DesiredSubject[];
  /** The registry, ready to be called; null when the cluster has none. */
  target: RegistryTarget | null;
}

const SUBJECT_CALLS_IN_FLIGHT = 4;

const schemaBody = (d: Pick<DesiredSubject, "schemaType" | "schema">) => ({ schema: d.schema, ...(d.schemaType !== "AVRO" ? { schemaType: d.schemaType } : {}) });
const notFound = (e: unknown, code: number) => e instanceof RegistryError && e.status === 404 && (e.errorCode === code || e.errorCode === 404);
const reason = (e: unknown) => (e as { userMessage?: string }).userMessage ?? errorMessage(e);

interface RawVersion {
  version: number;
  id: number;
  schemaType?: RegistrySchemaType;
  schema: string;
}

/** What the registry says about one subject and the contract meant for it. */
export async function readSubject(target: RegistryTarget, d: DesiredSubject & { subject: string }): Promise<LiveSubject> {
  const out: LiveSubject = { subject: d.subject, latest: null, registeredAs: null, check: null, error: null };
  try {
    const latest = await registryCall<RawVersion>(target, "GET", registryPath("subjects", d.subject, "versions", "latest")).catch((e) => {
      if (notFound(e, 40401)) return null;
      throw e;
    });
    if (!latest) return out;
    out.latest = { version: latest.version, id: latest.id, schemaType: latest.schemaType ?? "AVRO", schema: latest.schema };
    const found = await registryCall<{ version: number }>(target, "POST", registryPath("subjects", d.subject), { body: schemaBody(d) }).catch((e) => {
      if (notFound(e, 40403) || notFound(e, 40401)) return null;
      throw e;
    });
    out.registeredAs = found?.version ?? null;
    if (out.registeredAs !== null) return out;
    const verdict = await checkCompatibility(target, d.subject, "latest", { schemaType: d.schemaType, schema: d.schema, references: [] });
    out.check = { level: verdict.level, compatible: verdict.compatible, messages: verdict.messages };
  } catch (e) {
    out.error = `Schema Registry: ${reason(e).replace(/^Schema Registry: /, "")}`;
  }
  return out;
}

/** The contracts' plan part of a design on its bound cluster; null when the design has no contract. */
export async function planDesignContracts(cluster: Cluster, topology: Topology, brokerCount: number): Promise<ContractPlanning | null> {
  if (!topology.nodes.some((n) => n.kind === "topic" && n.data.contract && !n.data.deleteOnApply)) return null;
  const strategy = subjectNamingOf(topology);
  const target = await optionalRegistryTarget(cluster.id);
  if (!target) return { part: planContracts({ strategy, registry: "none", desired: [], live: new Map() }), desired: [], target: null };

  const nodeErrors = new Map<string, string[]>();
  for (const p of validateDesign(topology, { brokerCount })) {
    if (p.severity === "error" && p.nodeId) nodeErrors.set(p.nodeId, [...(nodeErrors.get(p.nodeId) ?? []), p.message]);
  }
  const desired = desiredSubjects(topology, nodeErrors);
  // One read per subject (two topics may share one under RecordNameStrategy).
  const toRead = new Map<string, DesiredSubject & { subject: string }>();
  for (const d of desired) if (d.subject !== null && !d.nodeErrors && !toRead.has(d.subject)) toRead.set(d.subject, d as DesiredSubject & { subject: string });
  const read = await mapLimit([...toRead.values()], SUBJECT_CALLS_IN_FLIGHT, (d) => readSubject(target, d));
  const live = new Map(read.map((l) => [l.subject, l]));
  return { part: planContracts({ strategy, registry: "configured", desired, live }), desired, target };
}
