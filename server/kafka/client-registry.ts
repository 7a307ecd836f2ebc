import "server-only";
import { Kafka, Partitioners, type Admin, type Producer } from "kafkajs";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { logger } from "@/server/log";
import { connectionOf, storedConnectionKey } from "./cluster-connection";
import { buildKafkaConfig } from "./kafka-config";
import { createRawCluster, type RawCluster } from "./raw-cluster";
import { withTimeout } from "./with-timeout";

interface Entry {
  fingerprint: string;
  kafka: Kafka;
  admin: Admin;
  connected: Promise<void> | null;
  raw: { cluster: RawCluster; connected: Promise<void> | null } | null;
  /** The topic cache's own low-level client (topic-metadata-cache.ts). */
  meta: { cluster: RawCluster; connected: Promise<void> | null } | null;
  producer: { producer: Producer; connected: Promise<void> | null } | null;
}

// One kafkajs client and admin per cluster for the whole server process (not a connection per request),
// kept on globalThis so development hot reloads do not leak connections. An entry is keyed by the cluster's
// stored connection columns; its secrets are decrypted once, when the entry is built.
const g = globalThis as unknown as { topiaryKafkaClients?: Map<string, Entry> };
const clients: Map<string, Entry> = (g.topiaryKafkaClients ??= new Map());

function entryFor(cluster: Cluster): Entry {
  const fingerprint = storedConnectionKey(cluster);
  const existing = clients.get(cluster.id);
  if (existing && existing.fingerprint === fingerprint) return existing;
  if (existing) void closeEntry(cluster.id, existing, "settings changed");
  const kafka = new Kafka(buildKafkaConfig(connectionOf(cluster), `topiary-${cluster.id}`));
  const entry: Entry = { fingerprint, kafka, admin: kafka.admin(), connected: null, raw: null, meta: null, producer: null };
  clients.set(cluster.id, entry);
  return entry;
}

async function closeEntry(clusterId: string, entry: Entry, why: string) {
  if (clients.get(clusterId) === entry) clients.delete(clusterId);
  logger.debug("closing kafka client", { clusterId, why });
  await entry.admin.disconnect().catch(() => {});
  await entry.raw?.cluster.disconnect().catch(() => {});
  await entry.meta?.cluster.disconnect().catch(() => {});
  await entry.producer?.producer.disconnect().catch(() => {});
}

async function connectedAdmin(entry: Entry): Promise<Admin> {
  entry.connected ??= withTimeout(entry.admin.connect(), kafkaRequestTimeoutMs(), "connecting to Kafka").catch((e) => {
    // Forget the failed attempt so the next request tries again with a fresh connection.
    entry.connected = null;
    throw e;
  });
  await entry.connected;
  return entry.admin;
}

/** How long a replaced admin is kept for the calls still running on it before it is disconnected. */
const RETIRE_AFTER_MS = 30_000;

const PASS_THROUGH = new Set<PropertyKey>(["connect", "disconnect", "on", "logger", "events"]);

/**
 * kafkajs' admin remembers every topic it read offsets for and asks for their metadata before most requests;
 * once another client deletes such a topic, those requests fail with UNKNOWN_TOPIC_OR_PARTITION whatever they
 * are about, until the admin is replaced. So every call that fails that way is run once more on a new admin
 * (the failing metadata request comes before the call itself, so running it again is harmless).
 */
const proxies = new WeakMap<Admin, Admin>();

function recovering(cluster: Cluster, admin: Admin): Admin {
  const known = proxies.get(admin);
  if (known) return known;
  const proxy = new Proxy(admin, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || PASS_THROUGH.has(prop)) return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (e) {
          const entry = clients.get(cluster.id);
          // Another call replaced this admin while this one ran (kafkajs may then answer a call on the old one with
          // a TypeError, its metadata gone): run it on the new one, when the cluster's settings are still these.
          const replacedMeanwhile = entry !== undefined && entry.admin !== target && entry.fingerprint === storedConnectionKey(cluster);
          if (!isUnknownTopicError(e) && !replacedMeanwhile) throw e;
          // Metadata of named topics asks for those topics only: there the error means they do not exist.
          const named = prop === "fetchTopicMetadata" && ((args[0] as { topics?: string[] } | undefined)?.topics?.length ?? 0) > 0;
          if (named && !replacedMeanwhile) throw e;
          if (entry && entry.admin === target) {
            logger.info("replacing the kafka admin: it tracked a topic deleted elsewhere", { clusterId: cluster.id });
            // Calls still running on the old admin (a plan reads topics and the cluster at once) are let finish.
            setTimeout(() => void target.disconnect().catch(() => {}), RETIRE_AFTER_MS).unref();
            entry.admin = entry.kafka.admin();
            entry.connected = null;
          }
          const fresh = await connectedAdmin(entryFor(cluster));
          return (Reflect.get(fresh, prop) as (...a: unknown[]) => Promise<unknown>).apply(fresh, args);
        }
      };
    },
  });
  proxies.set(admin, proxy);
  return proxy;
}

/** The cluster's shared, connected admin client. Rebuilt when the cluster's connection settings change. */
export async function adminFor(cluster: Cluster): Promise<Admin> {
  return recovering(cluster, await connectedAdmin(entryFor(cluster)));
}

/** Drops the shared scan client (after it tracked a topic that was deleted); the next scan builds a new one. */
export function resetRawCluster(clusterId: string): void {
  const entry = clients.get(clusterId);
  if (!entry?.raw) return;
  void entry.raw.cluster.disconnect().catch(() => {});
  entry.raw = null;
}

/** The cluster's shared low-level client for message scans (plain Fetch requests, no consumer group). */
export async function rawClusterFor(cluster: Cluster): Promise<RawCluster> {
  const entry = entryFor(cluster);
  entry.raw ??= { cluster: createRawCluster(entry.kafka), connected: null };
  const raw = entry.raw;
  raw.connected ??= withTimeout(raw.cluster.connect(), kafkaRequestTimeoutMs(), "connecting to Kafka").catch((e) => {
    raw.connected = null;
    throw e;
  });
  await raw.connected;
  return raw.cluster;
}

/**
 * A low-level client of its own for the topic cache's Metadata reads of every topic: a broker takes seconds to
 * answer one for 50,000 topics and answers a connection's requests in order, so on the shared connections scans
 * and ListOffsets would wait behind it.
 */
export async function metadataClusterFor(cluster: Cluster): Promise<RawCluster> {
  const entry = entryFor(cluster);
  entry.meta ??= { cluster: createRawCluster(entry.kafka), connected: null };
  const meta = entry.meta;
  meta.connected ??= withTimeout(meta.cluster.connect(), kafkaRequestTimeoutMs(), "connecting to Kafka").catch((e) => {
    meta.connected = null;
    throw e;
  });
  await meta.connected;
  return meta.cluster;
}

/** The cluster's shared producer (for "produce a message"). */
export async function producerFor(cluster: Cluster): Promise<Producer> {
  const entry = entryFor(cluster);
  entry.producer ??= { producer: entry.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false }), connected: null };
  const p = entry.producer;
  p.connected ??= withTimeout(p.producer.connect(), kafkaRequestTimeoutMs(), "connecting to Kafka").catch((e) => {
    p.connected = null;
    throw e;
  });
  await p.connected;
  return p.producer;
}

/** Closes and forgets a cluster's client: called when the cluster is edited or removed. */
export async function disposeClient(clusterId: string): Promise<void> {
  const entry = clients.get(clusterId);
  if (entry) await closeEntry(clusterId, entry, "disposed");
}

/** Closes every cluster's client (the network policy turned stricter: connections are made again, and checked). */
export async function disposeAllClients(): Promise<void> {
  await Promise.all([...clients.entries()].map(([id, entry]) => closeEntry(id, entry, "network policy changed")));
}
