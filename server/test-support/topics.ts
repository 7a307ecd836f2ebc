// Helpers for the topic integration tests (never imported by the app).
import { Kafka, logLevel } from "kafkajs";
import { brokers } from "./fixtures";

/** Produces `count` messages to one partition of a topic with an independent producer. */
export async function produce(topic: string, partition: number, count: number): Promise<void> {
  const producer = new Kafka({ clientId: "topiary-test-producer", brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ partition, key: `k${i}`, value: `v${i}` })) });
  } finally {
    await producer.disconnect();
  }
}

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler as Next.js would, and gives its status and JSON body. */
export async function callRoute<T = unknown>(handler: RouteHandler, url: string, params: Record<string, string>): Promise<{ status: number; body: T }> {
  const res = await handler(new Request(`http://localhost${url}`), { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as T };
}
