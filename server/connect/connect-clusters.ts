import "server-only";
import type { ConnectClusterValues } from "@/lib/connect/connect-schemas";
import type { ConnectClusterView } from "@/lib/connect/connect-types";
import { AppError } from "@/lib/errors/app-error";
import { urlHost } from "@/lib/net/address-policy";
import type { ConnectCluster } from "@/prisma/generated/client";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { sealSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { addressForConnect } from "@/server/net/check-address-policy";
import { connectTargetOf, type ConnectTarget } from "./connect-client";

// The Connect clusters of a Kafka cluster, kept in Topiary's store: add, change, remove (user changes, written
// with their audit record), and look one up within its Kafka cluster (never across clusters).

export function toConnectClusterView(row: ConnectCluster): ConnectClusterView {
  return { id: row.id, clusterId: row.clusterId, name: row.name, url: row.url, username: row.username, hasPassword: !!row.password };
}

export async function listConnectClusterRows(clusterId: string): Promise<ConnectCluster[]> {
  return prisma.connectCluster.findMany({ where: { clusterId }, orderBy: { name: "asc" } });
}

export async function findConnectCluster(clusterId: string, connectId: string): Promise<ConnectCluster> {
  const row = await prisma.connectCluster.findFirst({ where: { id: connectId, clusterId } });
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That Kafka Connect cluster does not exist (it may have been removed)." });
  return row;
}

/** The Connect cluster ready to be called (its password opened), found within the Kafka cluster. */
export async function connectTargetFor(clusterId: string, connectId: string): Promise<ConnectTarget> {
  return connectTargetOf(await findConnectCluster(clusterId, connectId));
}

/** Refuses (VALIDATION, on the URL field) an address the network policy does not allow; checked again at every call. */
export async function assertConnectUrlAllowed(url: string): Promise<void> {
  const decision = await addressForConnect(urlHost(url));
  if (decision && "refusal" in decision) {
    throw new AppError("VALIDATION", { userMessage: `Connect URL refused: ${decision.refusal}`, fieldErrors: { url: decision.refusal } });
  }
}

async function assertNameFree(clusterId: string, name: string, exceptId?: string) {
  const clash = await prisma.connectCluster.findFirst({ where: { clusterId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (clash) {
    const message = `This cluster already has a Connect cluster named "${name}"`;
    throw new AppError("CONFLICT", { userMessage: message, fieldErrors: { name: message } });
  }
}

/** The stored password: a typed one sealed; blank keeps the stored one; cleared (or no user) removes it. */
function storedPassword(values: ConnectClusterValues, previous?: ConnectCluster): string | null {
  if (!values.username || values.clearPassword) return null;
  if (values.password) return sealSecret(values.password);
  return previous?.password ?? null;
}

export async function createConnectCluster(clusterId: string, values: ConnectClusterValues): Promise<ConnectClusterView> {
  await assertConnectUrlAllowed(values.url);
  await assertNameFree(clusterId, values.name);
  const row = await auditedTransaction((tx) =>
    tx.connectCluster.create({ data: { clusterId, name: values.name, url: values.url, username: values.username, password: storedPassword(values) } }),
  );
  logger.info("connect cluster added", { clusterId, connectId: row.id, name: row.name, url: row.url });
  return toConnectClusterView(row);
}

export async function updateConnectCluster(clusterId: string, connectId: string, values: ConnectClusterValues): Promise<ConnectClusterView> {
  const previous = await findConnectCluster(clusterId, connectId);
  await assertConnectUrlAllowed(values.url);
  await assertNameFree(clusterId, values.name, connectId);
  const row = await auditedTransaction((tx) =>
    tx.connectCluster.update({
      where: { id: connectId },
      data: { name: values.name, url: values.url, username: values.username, password: storedPassword(values, previous) },
    }),
  );
  logger.info("connect cluster updated", { clusterId, connectId, name: row.name, url: row.url });
  return toConnectClusterView(row);
}

/** Removes the Connect cluster from Topiary only: its connectors keep running. */
export async function deleteConnectCluster(clusterId: string, connectId: string, confirmName: string): Promise<{ id: string }> {
  const row = await findConnectCluster(clusterId, connectId);
  if (row.name !== confirmName) {
    throw new AppError("VALIDATION", { userMessage: `Type the Connect cluster's name ("${row.name}") to confirm`, fieldErrors: { confirmName: "Does not match the name" } });
  }
  await auditedTransaction((tx) => tx.connectCluster.delete({ where: { id: connectId } }));
  logger.info("connect cluster removed", { clusterId, connectId, name: row.name });
  return { id: connectId };
}
