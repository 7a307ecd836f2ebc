import "server-only";
import type { Kafka } from "kafkajs";

// kafkajs' consumer always joins a consumer group, which a browser must not do (it would leave groups
// behind and wait for rebalances). Its Cluster and Broker classes speak plain Fetch and ListOffsets; the
// public Kafka object builds one through a private factory, reached here by its symbol. kafkajs 2.2.4 is
// the last release (pinned in package.json), so this internal shape does not move under us.

export interface RawMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | undefined>;
  isControlRecord?: boolean;
}

export interface RawPartitionResponse {
  partition: number;
  errorCode: number;
  highWatermark: string;
  messages: RawMessage[];
}

export interface RawBroker {
  fetch(req: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{ responses: { topicName: string; partitions: RawPartitionResponse[] }[] }>;
}

export interface RawCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(q: { nodeId: string }): Promise<RawBroker>;
}

export function createRawCluster(kafka: Kafka): RawCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === "private:Kafka:createCluster");
  if (!symbol) throw new Error("This kafkajs version has no cluster factory (expected kafkajs 2.2.x)");
  const factory = (kafka as unknown as Record<symbol, (opts: object) => RawCluster>)[symbol];
  // isolationLevel 1: READ_COMMITTED, so aborted transactional records are not shown as data.
  return factory({ metadataMaxAge: 60_000, allowAutoTopicCreation: false, maxInFlightRequests: null, isolationLevel: 1 });
}
