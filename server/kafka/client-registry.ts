import "server-only";
import crypto from "node:crypto";
import { Kafka, Partitioners, type Admin, type Producer } from "kafkajs";
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

/** The cluster's shared, connected admin client. Rebuilt when the cluster's connection settings change. */
export async function getAdmin(clusterId: string, connection: ClusterConnection): Promise<Admin> {
  const entry = entryFor(clusterId, connection);
  entry.connected ??= withTimeout(entry.admin.connect(), kafkaRequestTimeoutMs(), "connecting to Kafka").catch((e) => {
    // Forget the failed attempt so the next request tries again with a fresh connection.
    entry.connected = null;
    throw e;
  });
  await entry.connected;
  return entry.admin;
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
