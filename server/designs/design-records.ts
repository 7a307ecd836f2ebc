import "server-only";
import { layoutSchema, topologySchema, type Layout, type Topology } from "@/lib/designs/design-schema";
import type { DesignView, DesignSummary } from "@/lib/designs/design-views";
import { AppError } from "@/lib/errors/app-error";
import type { Design } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";

/** Parses stored JSON defensively: a row written by an older version still opens. */
export function parseTopology(json: string): Topology {
  return topologySchema.parse(JSON.parse(json));
}
export function parseLayout(json: string): Layout {
  return layoutSchema.parse(JSON.parse(json));
}

export function toDesignView(d: Design & { cluster?: { name: string } | null }): DesignView {
  return {
    id: d.id,
    name: d.name,
    clusterId: d.clusterId,
    clusterName: d.cluster?.name ?? null,
    version: d.version,
    topology: parseTopology(d.topology),
    layout: parseLayout(d.layout),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toDesignSummary(d: Design & { cluster?: { name: string } | null }): DesignSummary {
  const t = parseTopology(d.topology);
  return {
    id: d.id,
    name: d.name,
    clusterName: d.cluster?.name ?? null,
    version: d.version,
    nodeCount: t.nodes.length,
    topicCount: t.nodes.filter((n) => n.kind === "topic").length,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export async function findDesign(id: string) {
  const d = await prisma.design.findUnique({ where: { id }, include: { cluster: { select: { name: true } } } });
  if (!d) throw new AppError("NOT_FOUND", { userMessage: "That design does not exist (it may have been deleted)." });
  return d;
}
