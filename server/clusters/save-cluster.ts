import "server-only";
import type { ClusterValues, ClusterView } from "@/lib/clusters/cluster-schema";
import { AppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { sealSecret } from "@/server/crypto/secret-box";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { prisma } from "@/server/db/prisma";
import { disposeClient } from "@/server/kafka/client-registry";
import type { ClusterConnection } from "@/server/kafka/kafka-config";
import { logger } from "@/server/log";
import { assertBootstrapAllowed } from "@/server/net/check-address-policy";
import { toClusterView } from "./cluster-view";
import { connectionFields } from "./connection-fields";

/**
 * The connection columns as stored: a secret typed in the form is sealed (encrypted) before it is written; a
 * blank one keeps the stored value as it is, still sealed and never opened, so a cluster whose secret no longer
 * decrypts (another key) can still be edited and the secret typed again.
 */
function storedConnection(conn: ClusterValues["connection"], previous?: Cluster): ClusterConnection {
  const fields = connectionFields(conn, previous);
  const seal = (value: string | null, kept: string | null | undefined) => (value === null || value === kept ? value : sealSecret(value));
  return { ...fields, tlsKey: seal(fields.tlsKey, previous?.tlsKey), saslPassword: seal(fields.saslPassword, previous?.saslPassword) };
}

async function assertNameFree(name: string, exceptId?: string) {
  const clash = await prisma.cluster.findFirst({ where: { name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (clash) {
    throw new AppError("CONFLICT", {
      userMessage: `A cluster named "${name}" already exists`,
      fieldErrors: { name: `A cluster named "${name}" already exists` },
    });
  }
}

export async function createCluster(values: ClusterValues): Promise<ClusterView> {
  await assertBootstrapAllowed(values.connection.bootstrapServers);
  await assertNameFree(values.name);
  const data = { name: values.name, readOnly: values.readOnly, ...storedConnection(values.connection) };
  const row = await auditedTransaction((tx) => tx.cluster.create({ data }));
  logger.info("cluster created", { clusterId: row.id, name: row.name });
  return toClusterView(row);
}

export async function updateCluster(id: string, values: ClusterValues): Promise<ClusterView> {
  const previous = await prisma.cluster.findUnique({ where: { id } });
  if (!previous) throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist (it may have been removed)." });
  await assertBootstrapAllowed(values.connection.bootstrapServers);
  await assertNameFree(values.name, id);
  const data = { name: values.name, readOnly: values.readOnly, ...storedConnection(values.connection, previous) };
  const row = await auditedTransaction((tx) => tx.cluster.update({ where: { id }, data }));
  // The shared client holds the old settings: close it; the next request builds one with the new ones.
  await disposeClient(id);
  logger.info("cluster updated", { clusterId: id, name: row.name });
  return toClusterView(row);
}

/** Removes the cluster's entry from Topiary only: nothing in Kafka is touched. */
export async function deleteCluster(id: string): Promise<{ id: string }> {
  const found = await prisma.cluster.findUnique({ where: { id } });
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist (it may have been removed)." });
  await auditedTransaction((tx) => tx.cluster.delete({ where: { id } }));
  await disposeClient(id);
  logger.info("cluster removed", { clusterId: id, name: found.name });
  return { id };
}
