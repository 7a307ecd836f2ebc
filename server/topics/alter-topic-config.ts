import "server-only";
import { ConfigResourceTypes } from "kafkajs";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { applyConfigChange, changedKeys, currentOverrides } from "@/lib/topics/topic-config-view";
import type { alterTopicConfigInputSchema } from "@/lib/topics/topic-detail-schema";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { withAdminRecovery } from "@/server/kafka/with-admin-recovery";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { describeTopicConfigs, fetchTopicPartitions, notFoundIfUnknown, refuseInternalTopic } from "./topic-metadata";

export interface AlterTopicConfigResult {
  topic: string;
  /** The topic's overrides after the change. */
  overrides: Record<string, string>;
  /** Keys whose override changed (empty when the change was already in place). */
  changed: string[];
  /** Each changed key's override before the change (null: none, the default applied). */
  before: Record<string, string | null>;
}

/**
 * Sets and removes config overrides of one topic. kafkajs speaks only the non-incremental AlterConfigs, which
 * replaces ALL of the topic's overrides with what it is sent: so the current overrides are read, the change is
 * applied to them, and the full resulting set is sent. (A change made by someone else between the read and
 * the write is overwritten; Kafka offers no compare-and-set here.)
 */
export async function alterTopicConfig(cluster: Cluster, input: z.output<typeof alterTopicConfigInputSchema>): Promise<AlterTopicConfigResult> {
  const { topic, set, remove } = input;
  refuseInternalTopic(topic, "change the configuration of");
  return withTimeout(
    (async () => {
      await fetchTopicPartitions(await adminFor(cluster), topic);
      // Read and write in one go, so a retry on a new admin reads again: the write is the full set, idempotent.
      return withAdminRecovery(cluster, async (admin) => {
        const entries = await describeTopicConfigs(admin, topic);
        const byName = new Map(entries.map((e) => [e.configName, e]));
        for (const key of [...Object.keys(set), ...remove]) {
          const entry = byName.get(key);
          if (!entry) {
            throw new AppError("VALIDATION", { userMessage: `${key} is not a config of this topic on this cluster`, fieldErrors: { [key]: "Unknown on this cluster" } });
          }
          if (entry.readOnly) {
            throw new AppError("VALIDATION", { userMessage: `${key} is read-only: Kafka does not let it be changed`, fieldErrors: { [key]: "Read-only" } });
          }
        }
        const { overrides, hidden } = currentOverrides(entries);
        if (hidden.length) {
          // Their values cannot be read back, so sending "all overrides" would silently drop them.
          throw new AppError("CONFLICT", {
            userMessage: `The topic has overrides whose values Kafka hides (${hidden.join(", ")}); Topiary cannot change its configuration without losing them.`,
          });
        }
        const next = applyConfigChange(overrides, { set, remove });
        const changed = changedKeys(overrides, next);
        const before = Object.fromEntries(changed.map((k) => [k, overrides[k] ?? null]));
        if (!changed.length) return { topic, overrides, changed, before };
        await admin.alterConfigs({
          validateOnly: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: Object.entries(next).map(([name, value]) => ({ name, value })) }],
        });
        logger.info("topic config changed", { clusterId: cluster.id, topic, changed });
        return { topic, overrides: next, changed, before };
      }).catch(notFoundIfUnknown(topic));
    })(),
    kafkaRequestTimeoutMs() + 2000,
    `changing the configuration of ${topic}`,
  );
}
