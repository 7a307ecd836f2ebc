import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { privateAddressesForcedOff } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";

// Whether clusters and alert webhooks may point at loopback, private and link-local addresses. On by default so
// the local quick start (a broker on 127.0.0.1) works; a deployment open to untrusted users turns it off, so
// nobody can make the console probe its own network or the cloud metadata service. The check itself is in
// server/net/check-address-policy.ts.

export const ALLOW_PRIVATE_ADDRESSES_KEY = "network.allowPrivateAddresses";

export interface NetworkPolicy {
  allowPrivateAddresses: boolean;
  /** TOPIARY_ALLOW_PRIVATE_ADDRESSES=false: off whatever the stored setting says, and the page cannot turn it on. */
  forcedOffByEnv: boolean;
}

export const networkPolicyInputSchema = z.object({ allowPrivateAddresses: z.boolean() });

const forcedOffByEnv = privateAddressesForcedOff;

export async function getNetworkPolicy(): Promise<NetworkPolicy> {
  if (forcedOffByEnv()) return { allowPrivateAddresses: false, forcedOffByEnv: true };
  const row = await prisma.setting.findUnique({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY } });
  return { allowPrivateAddresses: row ? row.value !== "false" : true, forcedOffByEnv: false };
}

export async function setAllowPrivateAddresses(allow: boolean): Promise<NetworkPolicy> {
  if (allow && forcedOffByEnv()) {
    throw new AppError("CONFLICT", {
      userMessage: "TOPIARY_ALLOW_PRIVATE_ADDRESSES=false is set on the server: loopback and private addresses stay refused.",
    });
  }
  const value = allow ? "true" : "false";
  await auditedTransaction((tx) => tx.setting.upsert({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY }, create: { key: ALLOW_PRIVATE_ADDRESSES_KEY, value }, update: { value } }));
  // New connections are checked as they open; connections opened before, while everything was allowed, end now.
  if (!allow) await (await import("@/server/kafka/client-registry")).disposeAllClients();
  // (The log redacts keys that look secret, "private" among them: hence the field's name.)
  logger.info("network policy changed", { localNetworksAllowed: allow });
  return getNetworkPolicy();
}
