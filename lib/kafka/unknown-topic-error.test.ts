import { describe, expect, it } from "vitest";
import { isUnknownTopicError } from "./unknown-topic-error";

const err = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name }, extra);

describe("isUnknownTopicError", () => {
  it("recognizes Kafka's error by its type", () => {
    expect(isUnknownTopicError(err("KafkaJSProtocolError", "This server does not host this topic-partition", { type: "UNKNOWN_TOPIC_OR_PARTITION" }))).toBe(true);
  });
  it("recognizes it inside kafkajs' retry error, which keeps only the message", () => {
    expect(isUnknownTopicError(err("KafkaJSNumberOfRetriesExceeded", "This server does not host this topic-partition"))).toBe(true);
    const inner = err("KafkaJSProtocolError", "x", { type: "UNKNOWN_TOPIC_OR_PARTITION" });
    expect(isUnknownTopicError(err("KafkaJSNumberOfRetriesExceeded", "retries", { originalError: inner }))).toBe(true);
  });
  it("leaves other errors alone", () => {
    expect(isUnknownTopicError(err("KafkaJSConnectionError", "Connection error: connect ECONNREFUSED"))).toBe(false);
    expect(isUnknownTopicError(null)).toBe(false);
    expect(isUnknownTopicError("UNKNOWN_TOPIC_OR_PARTITION")).toBe(false);
  });
});
