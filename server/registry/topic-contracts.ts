import "server-only";
import type { Contract } from "@/lib/contracts/contract-schema";
import { prisma } from "@/server/db/prisma";
import { parseTopology } from "@/server/designs/design-records";

// A topic's contracts: from every design bound to the cluster whose topic node of that name carries one.
// Producing with a contract, and decoding schemaless messages with one, start here.

export interface TopicContract {
  designId: string;
  designName: string;
  contract: Contract;
}

export async function topicContracts(clusterId: string, topic: string): Promise<TopicContract[]> {
  const designs = await prisma.design.findMany({ where: { clusterId }, select: { id: true, name: true, topology: true }, orderBy: { name: "asc" } });
  const out: TopicContract[] = [];
  for (const d of designs) {
    let nodes;
    try {
      nodes = parseTopology(d.topology).nodes;
    } catch {
      continue;
    }
    for (const n of nodes) if (n.kind === "topic" && n.data.name === topic && n.data.contract) out.push({ designId: d.id, designName: d.name, contract: n.data.contract });
  }
  return out;
}

/** One design's contract for the topic; null when that design is not bound to the cluster or has none for it. */
export async function topicContract(clusterId: string, topic: string, designId: string): Promise<TopicContract | null> {
  return (await topicContracts(clusterId, topic)).find((c) => c.designId === designId) ?? null;
}
