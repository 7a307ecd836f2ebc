import "server-only";
// @ts-expect-error kafkajs ships no types for its protocol internals (pinned at 2.2.4, see raw-cluster.ts)
import Encoder from "kafkajs/src/protocol/encoder.js";
// @ts-expect-error as above
import metadataV4Response from "kafkajs/src/protocol/requests/metadata/v4/response.js";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { rawClusterFor } from "./client-registry";
import type { RawCluster } from "./raw-cluster";
import { withTimeout } from "./with-timeout";

// Kafka's Metadata request, sent as this file says rather than as kafkajs sends it, which matters on a cluster with
// tens of thousands of topics:
// - kafkajs cannot ask for no topic: it sends an empty list as "every topic", so its describeCluster() (brokers
//   and controller) reads the metadata of all 50,000 topics — twice, as its admin refreshes its own metadata, of
//   every topic, before each call (metadataMaxAge 0). Here `[]` asks for none;
// - kafkajs' parse throws the whole answer away when any partition has no leader (a broker down, a topic being
//   created), so one such partition would leave no topic listed. Here the answer is taken as decoded.
// Version 4 (Kafka 1.0 and later; Kafka 4.0 removed only versions 0 to 3).

export interface MetadataPartition {
  partitionErrorCode: number;
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface MetadataAnswer {
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[];
  clusterId: string | null;
  controllerId: number;
  topicMetadata: { topicErrorCode: number; topic: string; isInternal: boolean; partitionMetadata: MetadataPartition[] }[];
}

interface ProtocolBroker {
  connectionPool: {
    send(request: { request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<unknown> }; response: { decode(b: Buffer): Promise<unknown>; parse(d: unknown): Promise<unknown> } }): Promise<unknown>;
  };
}

/** One Metadata request on a connection of `raw`: `topics` null asks for every topic, `[]` for none. */
export async function sendMetadataRequest(raw: RawCluster, topics: string[] | null, timeoutMs = kafkaRequestTimeoutMs()): Promise<MetadataAnswer> {
  const pool = (raw as unknown as { brokerPool: { findConnectedBroker(): Promise<ProtocolBroker> } }).brokerPool;
  const broker = await withTimeout(pool.findConnectedBroker(), kafkaRequestTimeoutMs(), "connecting to Kafka");
  const request = {
    apiKey: 3,
    apiVersion: 4,
    apiName: "Metadata",
    encode: async () => {
      const e = new Encoder();
      if (topics === null) e.writeInt32(-1);
      else e.writeArray(topics, "string");
      return e.writeBoolean(false); // allow_auto_topic_creation
    },
  };
  const response = { decode: metadataV4Response.decode, parse: async (decoded: unknown) => decoded };
  return (await withTimeout(broker.connectionPool.send({ request, response }), timeoutMs, "reading metadata")) as MetadataAnswer;
}

/** Brokers, controller and cluster id, as kafkajs' describeCluster() gives them, in one small request. */
export async function describeClusterLight(cluster: Cluster): Promise<{ brokers: { nodeId: number; host: string; port: number }[]; controller: number | null; clusterId: string }> {
  const answer = await sendMetadataRequest(await rawClusterFor(cluster), []);
  return {
    brokers: answer.brokers.map(({ nodeId, host, port }) => ({ nodeId, host, port })),
    controller: answer.controllerId >= 0 ? answer.controllerId : null,
    clusterId: answer.clusterId ?? "",
  };
}
