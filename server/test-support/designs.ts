// Design fixtures for integration tests (never imported by the app).
import { defaultNodeData, type DesignNode, type Topology } from "@/lib/designs/design-schema";
import { unwrap } from "@/lib/errors/action-result";
import { createDesignAction, saveTopologyAction } from "@/server/actions/design-actions";
import { prisma } from "@/server/db/prisma";

export function topicNode(name: string, data: Partial<Extract<DesignNode, { kind: "topic" }>["data"]> = {}): DesignNode {
  return { id: `t-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`, kind: "topic", data: { ...defaultNodeData("topic"), name, ...data } };
}

/** A saved design bound to a cluster. */
export async function makeDesign(clusterId: string, topology: Topology, name = "test design") {
  const d = unwrap(await createDesignAction({ name, from: { kind: "topology", topology }, clusterId }));
  return d;
}

/** Saves a new topology on top of the newest revision. */
export async function editDesign(id: string, edit: (t: Topology) => Topology) {
  const d = await prisma.design.findUniqueOrThrow({ where: { id } });
  const next = edit(JSON.parse(d.topology) as Topology);
  return unwrap(await saveTopologyAction({ id, baseVersion: d.version, topology: next }));
}
