import "server-only";
import { resolveSecretRefs, secretRefNames } from "@/lib/connect/secret-refs";
import { designConnectorConfig, isMirrorSource } from "@/lib/designs/design-connectors";
import type { Topology } from "@/lib/designs/design-schema";
import { isConnectorNode, type ConnectorNode } from "@/lib/designs/validate-connectors";
import type { DesiredConnector, DesiredValue } from "@/lib/plan/connector-plan-types";
import type { Cluster } from "@/prisma/generated/client";
import { clusterClientProperties } from "@/server/connect/cluster-client-properties";
import { openConnectSecrets } from "@/server/connect/connect-secrets";
import { prisma } from "@/server/db/prisma";

// A design's connector nodes as what apply would send (issue 14, items 5, 6 and 8): the Connect cluster chosen
// (by name, or the bound cluster's only one), the config with its topics from the edges, each ${secret:name}
// opened from the bound cluster's secret store, and for MirrorMaker 2 both clusters' connection settings filled
// from Topiary's store. Server-side only: the opened values never leave it (a plan shows `shown`).

function chooseConnect(n: ConnectorNode, cluster: Cluster, names: string[]): { connect: string; refusal?: string } {
  const wanted = n.data.connectCluster.trim();
  if (wanted) return names.includes(wanted) ? { connect: wanted } : { connect: wanted, refusal: `Cluster "${cluster.name}" has no Kafka Connect cluster named "${wanted}"` };
  if (names.length === 1) return { connect: names[0] };
  if (!names.length) return { connect: "", refusal: `Cluster "${cluster.name}" has no Kafka Connect cluster: add one on its Connect page` };
  return { connect: "", refusal: `Name its Connect cluster: "${cluster.name}" has several (${names.join(", ")})` };
}

export async function resolveDesignConnectors(
  cluster: Cluster,
  topology: Topology,
  connectNames: string[],
  topics: Map<string, { reads: string[]; writes: string[] }>,
): Promise<DesiredConnector[]> {
  const nodes = topology.nodes.filter(isConnectorNode);
  const refs = nodes.flatMap((n) => Object.values(n.data.config).flatMap(secretRefNames));
  const secrets = await openConnectSecrets(cluster.id, refs);
  const sourceNames = [...new Set(nodes.filter((n) => isMirrorSource(n.data.connectorClass) && n.data.sourceCluster.trim()).map((n) => n.data.sourceCluster.trim()))];
  const sources = sourceNames.length ? await prisma.cluster.findMany({ where: { OR: [{ name: { in: sourceNames } }, { id: { in: sourceNames } }] } }) : [];

  return nodes.map((n) => {
    const refusals: string[] = [];
    const { connect, refusal } = chooseConnect(n, cluster, connectNames);
    if (refusal) refusals.push(refusal);
    const config: Record<string, DesiredValue> = {};
    const d: DesiredConnector = {
      nodeId: n.id,
      name: n.data.name,
      connect,
      type: n.kind === "sourceConnector" ? "source" : "sink",
      className: n.data.connectorClass.trim(),
      config,
      deleteOnApply: n.data.deleteOnApply,
      refusals,
    };
    if (n.data.deleteOnApply) return d;

    for (const [key, shown] of Object.entries(designConnectorConfig(n, topics.get(n.id) ?? { reads: [], writes: [] }))) {
      const r = resolveSecretRefs(shown, (name) => secrets.get(name));
      for (const name of r.missing) refusals.push(`${key}: secret "${name}" is not set for cluster "${cluster.name}" (its Connect page, Secrets)`);
      config[key] = { value: r.value, shown, secret: r.used.length > 0 };
    }
    if (isMirrorSource(d.className) && n.data.sourceCluster.trim()) {
      const wanted = n.data.sourceCluster.trim();
      const source = sources.find((c) => c.name === wanted) ?? sources.find((c) => c.id === wanted);
      if (!source) refusals.push(`No cluster named "${wanted}" is known to Topiary: MirrorMaker needs the cluster it replicates from`);
      else {
        d.sourceClusterId = source.id;
        d.sourceClusterName = source.name;
        Object.assign(config, clusterClientProperties(source, "source.cluster."), clusterClientProperties(cluster, "target.cluster."));
      }
    }
    return d;
  });
}
