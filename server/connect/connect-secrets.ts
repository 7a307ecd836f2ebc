import "server-only";
import type { ConnectSecretView } from "@/lib/connect/connect-secret-schemas";
import { AppError } from "@/lib/errors/app-error";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";

// The secrets connector configs in designs refer to as ${secret:name}: per Kafka cluster, sealed at rest, set and
// deleted by admins, opened only on the server when a plan or an apply resolves a reference. Nothing here ever
// returns a value to a caller that could hand it to the browser: views carry names and dates.

export async function listConnectSecrets(clusterId: string): Promise<ConnectSecretView[]> {
  const rows = await prisma.connectSecret.findMany({ where: { clusterId }, orderBy: { name: "asc" }, select: { name: true, updatedAt: true, updatedBy: true } });
  return rows.map((r) => ({ name: r.name, updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy }));
}

/** Creates or replaces a secret (sealed), with its audit record in the same transaction. */
export async function setConnectSecret(clusterId: string, name: string, value: string, by: string): Promise<{ name: string; created: boolean }> {
  const sealed = sealSecret(value);
  const result = await auditedTransaction(async (tx) => {
    const existing = await tx.connectSecret.findUnique({ where: { clusterId_name: { clusterId, name } }, select: { id: true } });
    if (existing) await tx.connectSecret.update({ where: { id: existing.id }, data: { value: sealed, updatedBy: by } });
    else await tx.connectSecret.create({ data: { clusterId, name, value: sealed, updatedBy: by } });
    return { name, created: !existing };
  });
  logger.info(result.created ? "connect secret added" : "connect secret replaced", { clusterId, secretName: name });
  return result;
}

export async function deleteConnectSecret(clusterId: string, name: string, confirmName: string): Promise<{ name: string }> {
  if (confirmName !== name) {
    throw new AppError("VALIDATION", { userMessage: `Type the secret's name ("${name}") to confirm`, fieldErrors: { confirmName: "Does not match the secret's name" } });
  }
  const row = await prisma.connectSecret.findUnique({ where: { clusterId_name: { clusterId, name } }, select: { id: true } });
  if (!row) throw new AppError("NOT_FOUND", { userMessage: `There is no secret "${name}" on this cluster.` });
  await auditedTransaction((tx) => tx.connectSecret.delete({ where: { id: row.id } }));
  logger.info("connect secret deleted", { clusterId, secretName: name });
  return { name };
}

/** The plain values of the named secrets of a cluster (those that exist). Server-side only: never returned. */
export async function openConnectSecrets(clusterId: string, names: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(names)];
  if (!wanted.length) return new Map();
  const rows = await prisma.connectSecret.findMany({ where: { clusterId, name: { in: wanted } } });
  return new Map(rows.map((r) => [r.name, openSecret(r.value, `Connect secret "${r.name}"`)]));
}
