import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { urlHost } from "@/lib/net/address-policy";
import type { RegistrySettingsValues } from "@/lib/registry/registry-schemas";
import type { RegistrySettingsView } from "@/lib/registry/registry-types";
import type { SchemaRegistry } from "@/prisma/generated/client";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { sealSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { addressForConnect } from "@/server/net/check-address-policy";
import { registryTargetOf, type RegistryTarget } from "./registry-client";

// A cluster's Schema Registry settings in Topiary's store: URL and credentials (the password or token sealed,
// never returned). Saving and removing are user changes, written with their audit record.

export function toRegistrySettingsView(row: SchemaRegistry): RegistrySettingsView {
  return { clusterId: row.clusterId, url: row.url, authKind: row.authKind as RegistrySettingsView["authKind"], username: row.username, hasSecret: !!row.secret };
}

export async function findRegistryRow(clusterId: string): Promise<SchemaRegistry | null> {
  return prisma.schemaRegistry.findUnique({ where: { clusterId } });
}

/** The cluster's registry ready to be called; NOT_FOUND when the cluster has none. */
export async function registryTargetFor(clusterId: string): Promise<RegistryTarget> {
  const row = await findRegistryRow(clusterId);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "This cluster has no Schema Registry: an admin can add its URL on the Schema Registry page." });
  return registryTargetOf(row);
}

/** The cluster's registry, or null when it has none. */
export async function optionalRegistryTarget(clusterId: string): Promise<RegistryTarget | null> {
  const row = await findRegistryRow(clusterId);
  return row ? registryTargetOf(row) : null;
}

/** Refuses (VALIDATION, on the URL field) an address the network policy does not allow; checked again at every call. */
export async function assertRegistryUrlAllowed(url: string): Promise<void> {
  const decision = await addressForConnect(urlHost(url));
  if (decision && "refusal" in decision) {
    throw new AppError("VALIDATION", { userMessage: `Schema Registry URL refused: ${decision.refusal}`, fieldErrors: { url: decision.refusal } });
  }
}

/** The secret to store: a typed one sealed; blank keeps the stored one while the kind of auth is unchanged. */
function storedSecret(values: RegistrySettingsValues, previous: SchemaRegistry | null): string | null {
  if (values.authKind === "none") return null;
  if (values.secret) return sealSecret(values.secret);
  if (previous && previous.authKind === values.authKind && previous.secret) return previous.secret;
  const what = values.authKind === "basic" ? "password" : "token";
  throw new AppError("VALIDATION", { userMessage: `Enter the ${what}`, fieldErrors: { secret: `Enter the ${what}` } });
}

/** A target for settings being typed (the stored secret kept when the field is blank), to test before saving. */
export async function targetForValues(clusterId: string, values: RegistrySettingsValues): Promise<RegistryTarget> {
  await assertRegistryUrlAllowed(values.url);
  const previous = await findRegistryRow(clusterId);
  const secret = storedSecret(values, previous);
  return registryTargetOf({ clusterId, url: values.url, authKind: values.authKind, username: values.username, secret, updatedAt: new Date() });
}

export async function saveRegistrySettings(clusterId: string, values: RegistrySettingsValues): Promise<RegistrySettingsView> {
  await assertRegistryUrlAllowed(values.url);
  const previous = await findRegistryRow(clusterId);
  const data = { url: values.url, authKind: values.authKind, username: values.authKind === "basic" ? values.username : null, secret: storedSecret(values, previous) };
  const row = await auditedTransaction((tx) => tx.schemaRegistry.upsert({ where: { clusterId }, create: { clusterId, ...data }, update: data }));
  logger.info("schema registry saved", { clusterId, url: row.url, authKind: row.authKind });
  return toRegistrySettingsView(row);
}

/** Topiary forgets the registry (the registry and its schemas are untouched); its URL typed back to confirm. */
export async function removeRegistrySettings(clusterId: string, confirmUrl: string): Promise<{ clusterId: string }> {
  const row = await findRegistryRow(clusterId);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "This cluster has no Schema Registry." });
  if (row.url !== confirmUrl.trim()) {
    throw new AppError("VALIDATION", { userMessage: `Type the registry's URL ("${row.url}") to confirm`, fieldErrors: { confirmUrl: "Does not match the URL" } });
  }
  await auditedTransaction((tx) => tx.schemaRegistry.delete({ where: { clusterId } }));
  logger.info("schema registry removed", { clusterId, url: row.url });
  return { clusterId };
}
