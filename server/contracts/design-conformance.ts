import "server-only";
import { z } from "zod";
import type { DesignConformance } from "@/lib/contracts/conformance";
import type { Contract } from "@/lib/contracts/contract-schema";
import { designIdSchema } from "@/lib/designs/design-inputs";
import type { Cluster } from "@/prisma/generated/client";
import { boundClusterOf } from "@/server/designs/design-cluster";
import { findDesign, parseTopology } from "@/server/designs/design-records";
import type { GuardDefinition } from "@/server/guard/run-guarded";
import { SAMPLE_EVERY_MS, topicsConformance } from "./conformance";

// Conformance on the canvas (issue 19, item 7): every topic node of a bound design that has a contract, its
// newest messages checked against it. Reading messages is an operator's right (the examples show what the
// messages hold), so the route asks messages:read on the bound cluster, where drift asks designs:read.

const input = z.object({ id: designIdSchema, fresh: z.enum(["true", "false"]).default("false").transform((v) => v === "true") });
export const designConformanceDef = {
  name: "designConformance",
  input,
  permission: "messages:read",
  clusterId: (i: { id: string }) => boundClusterOf(i.id),
} satisfies GuardDefinition<typeof input>;

/** The design's topics with a contract (not marked for deletion, named), each sampled at most every 5 min (`fresh`: now). */
export async function designConformance(designId: string, cluster: Cluster | null, opts: { fresh?: boolean } = {}): Promise<DesignConformance> {
  if (!cluster) return { bound: false, nodes: {}, everyMs: SAMPLE_EVERY_MS };
  const topology = parseTopology((await findDesign(designId)).topology);
  const topics: { nodeId: string; topic: string; contract: Contract }[] = [];
  for (const n of topology.nodes) if (n.kind === "topic" && n.data.contract && !n.data.deleteOnApply && n.data.name.trim()) topics.push({ nodeId: n.id, topic: n.data.name, contract: n.data.contract });
  const results = await topicsConformance(cluster, topics, opts);
  return { bound: true, nodes: Object.fromEntries(topics.map((t, i) => [t.nodeId, results[i]])), everyMs: SAMPLE_EVERY_MS };
}
