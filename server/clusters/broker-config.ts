import "server-only";
import { ConfigResourceTypes, type Admin } from "kafkajs";
import type { z } from "zod";
import { brokerOverridesApplied, nextBrokerOverrides, toBrokerConfigViews, type alterBrokerConfigInputSchema, type BrokerConfigPage } from "@/lib/clusters/broker-config";
import { AppError } from "@/lib/errors/app-error";
import type { RawConfigEntry } from "@/lib/topics/topic-config-view";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";

async function brokerEntries(admin: Admin, broker: number): Promise<RawConfigEntry[]> {
  const res = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.BROKER, name: String(broker) }] });
  return (res.resources.find((r) => r.resourceName === String(broker))?.configEntries ?? []) as RawConfigEntry[];
}

async function brokerOrNotFound(admin: Admin, broker: number) {
  const cluster = await admin.describeCluster();
  const found = cluster.brokers.find((b) => b.nodeId === broker);
  if (!found) throw new AppError("NOT_FOUND", { userMessage: `The cluster has no broker ${broker}.` });
  return { found, controller: cluster.controller };
}

/** One broker: where it listens, and every setting with where its value comes from. */
export async function describeBroker(cluster: Cluster, broker: number): Promise<BrokerConfigPage> {
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      const { found, controller } = await brokerOrNotFound(admin, broker);
      const entries = await brokerEntries(admin, broker);
      const rack = entries.find((e) => e.configName === "broker.rack")?.configValue ?? null;
      return { broker, host: found.host, port: found.port, rack: rack || null, isController: controller === broker, configs: toBrokerConfigViews(entries) };
    })(),
    kafkaRequestTimeoutMs() + 2000,
    `reading broker ${broker}`,
  );
}

/**
 * Kafka accepts a broker change before the broker applies it from the metadata log; until then it describes the
 * settings it had. Wait (briefly) until it describes the new ones, so the page's next read shows them and the next
 * change, a full replace, starts from them.
 */
async function waitUntilDescribed(admin: Admin, broker: number, overrides: Record<string, string>, waitMs = 5000): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if (brokerOverridesApplied(await brokerEntries(admin, broker), overrides)) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface AlterBrokerConfigResult {
  broker: number;
  before: Record<string, string | null>;
  after: Record<string, string>;
}

/** Sets or removes dynamic settings of one broker, keeping its other dynamic settings (see lib/clusters/broker-config.ts). */
export async function alterBrokerConfig(cluster: Cluster, input: z.output<typeof alterBrokerConfigInputSchema>): Promise<AlterBrokerConfigResult> {
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      await brokerOrNotFound(admin, input.broker);
      const next = nextBrokerOverrides(await brokerEntries(admin, input.broker), input);
      if (!next.ok) throw new AppError("VALIDATION", { userMessage: next.error, ...(next.key ? { fieldErrors: { [next.key]: next.error } } : {}) });
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.BROKER, name: String(input.broker), configEntries: Object.entries(next.overrides).map(([name, value]) => ({ name, value })) }],
      });
      const applied = await waitUntilDescribed(admin, input.broker, next.overrides);
      logger.info("broker config changed", { clusterId: cluster.id, broker: input.broker, keys: Object.keys(next.before), ...(applied ? {} : { notYetDescribed: true }) });
      const after = Object.fromEntries(Object.keys(next.before).flatMap((k) => (k in next.overrides ? [[k, next.overrides[k]]] : [])));
      return { broker: input.broker, before: next.before, after };
    })(),
    kafkaRequestTimeoutMs() * 3 + 7000,
    `changing broker ${input.broker}`,
  );
}
