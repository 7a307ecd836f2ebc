import "server-only";
import type { Admin } from "kafkajs";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import type { Cluster } from "@/prisma/generated/client";
import { toConnection } from "@/server/clusters/cluster-view";
import { logger } from "@/server/log";
import { disposeClient, getAdmin } from "./client-registry";

/**
 * Runs offset reads (fetchTopicOffsets, fetchOffsets) on the cluster's shared admin. kafkajs' admin remembers
 * every topic it read offsets for and refreshes their metadata on each such read; once another client deletes
 * one of them, every offset read fails with UNKNOWN_TOPIC_OR_PARTITION, whatever topic it is for, and only a
 * new admin forgets. So on that error the shared admin is replaced and `fn` runs once more.
 *
 * Check first that the topics `fn` reads exist: a topic that is really gone would replace the admin for nothing.
 */
export async function withOffsetsAdmin<T>(cluster: Cluster, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const connection = toConnection(cluster);
  const admin = await getAdmin(cluster.id, connection);
  try {
    return await fn(admin);
  } catch (e) {
    if (!isUnknownTopicError(e)) throw e;
    logger.info("replacing the kafka admin: it tracks a topic that was deleted elsewhere", { clusterId: cluster.id });
    // Another request may have replaced it already; replace only the one that failed.
    if ((await getAdmin(cluster.id, connection)) === admin) await disposeClient(cluster.id);
    return fn(await getAdmin(cluster.id, connection));
  }
}
