import "server-only";
import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { connectorRouteSchema, connectRouteSchema, pluginRouteSchema } from "@/lib/connect/connect-schemas";
import type { GuardDefinition } from "@/server/guard/run-guarded";
import { guardedQuery } from "@/server/guard/guarded-query";
import { connectTargetFor, listConnectClusterRows, toConnectClusterView } from "./connect-clusters";
import { describeConnector } from "./describe-connector";

// Read definitions shared by pages (guardedQuery) and route handlers (guardedRoute). Reading connectors, their
// state and their (masked) configuration is the viewer's: it is metadata, like topics and groups.

const byCluster = z.object({ id: clusterIdSchema });
export const connectClustersDef: GuardDefinition<typeof byCluster, string> = {
  name: "listConnectClusters",
  input: byCluster,
  permission: "clusters:read",
  clusterId: (i) => i.id,
};

export const connectDef: GuardDefinition<typeof connectRouteSchema, string> = {
  name: "connectCluster",
  input: connectRouteSchema,
  permission: "clusters:read",
  clusterId: (i) => i.id,
};

export const connectorDef: GuardDefinition<typeof connectorRouteSchema, string> = {
  name: "describeConnector",
  input: connectorRouteSchema,
  permission: "clusters:read",
  clusterId: (i) => i.id,
};

export const pluginDef: GuardDefinition<typeof pluginRouteSchema, string> = {
  name: "pluginConfigDefinition",
  input: pluginRouteSchema,
  permission: "clusters:read",
  clusterId: (i) => i.id,
};

/** The Connect clusters of a Kafka cluster (no call to Connect), for the server-rendered pages. */
export const connectClusterViewsQuery = guardedQuery(connectClustersDef, async (_, { cluster }) =>
  (await listConnectClusterRows(cluster.id)).map(toConnectClusterView),
);

/** The connector's masked config for its edit page (the role that may save it). */
export const connectorForEditQuery = guardedQuery({ ...connectorDef, name: "connectorForEdit", permission: "connect:write" }, async ({ connectId, name }, { cluster }) => {
  const d = await describeConnector(await connectTargetFor(cluster.id, connectId), name);
  return { connectId, name: d.name, config: d.config };
});
