import "server-only";
import type { Admin } from "kafkajs";
import type { Cluster } from "@/prisma/generated/client";
import { adminFor } from "./client-registry";

/**
 * Runs `fn` on the cluster's shared admin. The admin from the registry already runs a call once more on a new
 * admin when it fails with UNKNOWN_TOPIC_OR_PARTITION (kafkajs keeps asking for topics deleted elsewhere; see
 * client-registry.ts), so this only names that intent at the call sites that depend on it.
 */
export async function withAdminRecovery<T>(cluster: Cluster, fn: (admin: Admin) => Promise<T>): Promise<T> {
  return fn(await adminFor(cluster));
}
