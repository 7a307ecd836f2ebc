import "server-only";
import crypto from "node:crypto";
import { Kafka, Partitioners, type Admin, type Producer } from "kafkajs";
import { isUnknownTopicError } from "@/lib/kafka/unknown-topic-error";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { logger } from "@/server/log";
import { buildKafkaConfig, type ClusterConnection } from "./kafka-config";
import { createRawCluster, type RawCluster } from "./scan/raw-cluster";
import { withTimeout } from "./with-timeout";

interface Entry {
  fingerprint: string;
  kafka: Kafka;
  admin: Admin;
  connected: Promise<void> | null;
  raw: { cluster: RawCluster; connected: Promise<void> | null } | null;
  producer: { producer: Producer; connected: Promise<void> | null } | null;
}

// One kafkajs client and admin per cluster for the whole server process (not a connection per request),
// kept on globalThis so development hot reloads do not leak connections.
const g = globalThis as unknown as { topiaryKafkaClients?: Map<string, Entry> };
const clients: Map<string, Entry> = (g.topiaryKafkaClients ??= new Map());

function fingerprintOf(c: ClusterConnection): string {
  return crypto.createHash("sha256").update(JSON.stringify(c)).digest("hex");
}

function entryFor(clusterId: string, connection: ClusterConnection): Entry {
  const fingerprint = fingerprintOf(connection);
  const existing = clients.get(clusterId);
  if (existing && existing.fingerprint === fingerprint) return existing;
  if (existing) void closeEntry(clusterId, existing, "settings changed");
  const kafka = new Kafka(buildKafkaConfig(connection, `topiary-${clusterId}`));
  const entry: Entry = { fingerprint, kafka, admin: kafka.admin(), connected: null, raw: null, producer: null };
  clients.set(clusterId, entry);
  return entry;
}

async function closeEntry(clusterId: string, entry: Entry, why: string) {
  if (clients.get(clusterId) === entry) clients.delete(clusterId);
  logger.debug("closing kafka client", { clusterId, why });
  await entry.admin.disconnect().catch(() => {});
  await entry.raw?.cluster.disconnect().catch(() => {});
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

const PASS_THROUGH = new Set<PropertyKey>(["connect", "disconnect", "on", "logger", "events"]);

/**
 * kafkajs' admin remembers every topic it read offsets for and asks for their metadata before most requests;
 * once another client deletes such a topic, those requests fail with UNKNOWN_TOPIC_OR_PARTITION whatever they
 * are about, until the admin is replaced. So every call that fails that way is run once more on a new admin
 * (the failing metadata request comes before the call itself, so running it again is harmless).
 */
const proxies = new WeakMap<Admin, Admin>();

function recovering(clusterId: string, connection: ClusterConnection, admin: Admin): Admin {
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
          if (!isUnknownTopicError(e)) throw e;
          // Metadata of named topics asks for those topics only: there the error means they do not exist.
          const named = prop === "fetchTopicMetadata" && ((args[0] as { topics?: string[] } | undefined)?.topics?.length ?? 0) > 0;
          if (named) throw e;
          const entry = clients.get(clusterId);
          if (entry && entry.admin === target) {
            logger.info("replacing the kafka admin: it tracked a topic deleted elsewhere", { clusterId });
            void target.disconnect().catch(() => {});
            entry.admin = entry.kafka.admin();
            entry.connected = null;
          }
          const fresh = await connectedAdmin(entryFor(clusterId, connection));
          return (Reflect.get(fresh, prop) as (...a: unknown[]) => Promise<unknown>).apply(fresh, args);
        }
      };
    },
  });
  proxies.set(admin, proxy);
  return proxy;
}

/** The cluster's shared, connected admin client. Rebuilt when the cluster's connection settings change. */
export async function getAdmin(clusterId: string, connection: ClusterConnection): Promise<Admin> {
  return recovering(clusterId, connection, await connectedAdmin(entryFor(clusterId, connection)));
}

/** Drops the shared scan client (after it tracked a topic that was deleted); the next scan builds a new one. */
export function resetRawCluster(clusterId: string): void {
  const entry = clients.get(clusterId);
  if (!entry?.raw) return;
  void entry.raw.cluster.disconnect().catch(() => {});
  entry.raw = null;
}

/** The cluster's shared low-level client for message scans (plain Fetch requests, no consumer group). */
export async function getRawCluster(clusterId: string, connection: ClusterConnection): Promise<RawCluster> {
  const entry = entryFor(clusterId, connection);
  entry.raw ??= { cluster: createRawCluster(entry.kafka), connected: null };
  const raw = entry.raw;
  raw.connected ??= withTimeout(raw.cluster.connect(), kafkaRequestTimeoutMs(), "connecting to Kafka").catch((e) => {
    raw.connected = null;
    throw e;
  });
  await raw.connected;
  return raw.cluster;
}

/** The cluster's shared producer (for "produce a message"). */
export async function getProducer(clusterId: string, connection: ClusterConnection): Promise<Producer> {
  const entry = entryFor(clusterId, connection);
  entry.producer ??= { producer: entry.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false }), connected: null };
  const p = entry.producer;
  p.connected ??= withTimeout(p.producer.connect(), kafkaRequestTimeoutMs(), "connecting to Kafka").catch((e) => {
    p.connected = null;
    throw e;
  });
  await p.connected;
  return p.producer;
}

/** The cluster's shared kafkajs instance (for producers and consumers that need their own lifecycle). */
export function getKafka(clusterId: string, connection: ClusterConnection): Kafka {
  return entryFor(clusterId, connection).kafka;
}

/** Closes and forgets a cluster's client: called when the cluster is edited or removed. */
export async function disposeClient(clusterId: string): Promise<void> {
  const entry = clients.get(clusterId);
  if (entry) await closeEntry(clusterId, entry, "disposed");
}

export function openClientCount(): number {
  return clients.size;
}
