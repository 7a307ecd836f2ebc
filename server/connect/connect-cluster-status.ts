import "server-only";
import type { ConnectClusterStatus, ConnectPlugin, ConnectWorkerInfo } from "@/lib/connect/connect-types";
import { parsePlugins, parseRoot } from "@/lib/connect/parse-connect";
import { isAppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { connectCall, connectTargetOf, type ConnectTarget } from "./connect-client";
import { listConnectClusterRows, toConnectClusterView } from "./connect-clusters";

/** The connector plugins installed on the workers (`GET /connector-plugins`: connectors only), sorted by class. */
export async function listConnectorPlugins(target: ConnectTarget): Promise<ConnectPlugin[]> {
  return parsePlugins((await connectCall(target, "GET", "/connector-plugins")).body);
}

/** Version, commit and Kafka cluster id (`GET /`) and the connector plugins of a Connect cluster. */
export async function fetchConnectWorkerInfo(target: ConnectTarget): Promise<ConnectWorkerInfo> {
  const [root, plugins] = await Promise.all([connectCall(target, "GET", "/"), listConnectorPlugins(target)]);
  return { ...parseRoot(root.body), plugins };
}

const message = (e: unknown) => (isAppError(e) ? e.userMessage : e instanceof Error ? e.message : String(e));

/**
 * Every Connect cluster of a Kafka cluster with what it answers now, or why it could not be asked. A worker that
 * reports another Kafka cluster id than this cluster's is flagged (a URL pointing at the wrong Connect cluster).
 */
export async function fetchConnectClusterStatuses(cluster: Cluster): Promise<ConnectClusterStatus[]> {
  const rows = await listConnectClusterRows(cluster.id);
  if (!rows.length) return [];
  const kafkaClusterId = withTimeout(
    adminFor(cluster).then((a) => a.describeCluster()),
    kafkaRequestTimeoutMs(),
    "describe cluster",
  ).then(
    (d) => d.clusterId,
    () => null,
  );
  return Promise.all(
    rows.map(async (row) => {
      const view = toConnectClusterView(row);
      try {
        const info = await fetchConnectWorkerInfo(connectTargetOf(row));
        const own = await kafkaClusterId;
        return { ...view, info, error: null, otherKafkaCluster: !!own && !!info.kafkaClusterId && own !== info.kafkaClusterId };
      } catch (e) {
        return { ...view, info: null, error: message(e), otherKafkaCluster: false };
      }
    }),
  );
}
