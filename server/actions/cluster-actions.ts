"use server";
// Server actions for clusters: thin wrappers over server/clusters/* through the one guarded path.
import { z } from "zod";
import {
  clusterIdSchema,
  clusterInputSchema,
  testConnectionInputSchema,
  updateClusterInputSchema,
} from "@/lib/clusters/cluster-schema";
import { AppError } from "@/lib/errors/app-error";
import { connectionOf } from "@/server/kafka/cluster-connection";
import { connectionFields } from "@/server/clusters/connection-fields";
import { createCluster, deleteCluster, updateCluster } from "@/server/clusters/save-cluster";
import { guardedAction } from "@/server/guard/guarded-action";
import { testConnection } from "@/server/clusters/test-connection";

export const createClusterAction = guardedAction(
  { name: "createCluster", input: clusterInputSchema, permission: "clusters:manage", audit: { action: "cluster.create", target: (i) => i.name } },
  async (input) => createCluster(input),
);

export const updateClusterAction = guardedAction(
  {
    name: "updateCluster",
    input: updateClusterInputSchema,
    permission: "clusters:manage",
    clusterId: (i) => i.id,
    audit: { action: "cluster.update", target: (i) => i.name },
  },
  async ({ id, ...values }) => updateCluster(id, values),
);

export const deleteClusterAction = guardedAction(
  {
    name: "deleteCluster",
    // Removing a cluster from Topiary needs its name typed back, so a stray click removes nothing.
    input: z.object({ id: clusterIdSchema, confirmName: z.string() }),
    permission: "clusters:manage",
    clusterId: (i) => i.id,
    audit: { action: "cluster.delete", target: (i) => i.id },
  },
  async ({ id, confirmName }, { cluster }) => {
    if (cluster.name !== confirmName) {
      throw new AppError("VALIDATION", {
        userMessage: `Type the cluster's name ("${cluster.name}") to confirm`,
        fieldErrors: { confirmName: "Does not match the cluster's name" },
      });
    }
    return deleteCluster(id);
  },
);

// Not audited: testing a connection changes nothing, in Kafka or in Topiary.
export const testConnectionAction = guardedAction(
  {
    name: "testConnection",
    input: testConnectionInputSchema,
    permission: "clusters:manage",
    clusterId: (i) => i.clusterId,
  },
  // When editing, blank secrets mean "the stored ones", exactly as saving would.
  async ({ connection }, { cluster }) => {
    let previous = null;
    try {
      previous = cluster ? connectionOf(cluster) : null;
    } catch (e) {
      // A stored secret that no longer decrypts (e.g. a new key) does not matter when the form types new ones.
      const typed = (!connection.sasl || !!connection.sasl.password) && (!connection.tls.enabled || !!connection.tls.key);
      if (!typed) throw e;
    }
    return testConnection(connectionFields(connection, previous));
  },
);
