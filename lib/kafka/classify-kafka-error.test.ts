import { describe, expect, it } from "vitest";
import { classifyKafkaError } from "./classify-kafka-error";

function err(name: string, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { name }, extra);
}

describe("classifyKafkaError", () => {
  it("recognizes a refused connection, also when wrapped by retries", () => {
    const inner = err("KafkaJSConnectionError", "Connection error: connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED" });
    const outer = err("KafkaJSNumberOfRetriesExceeded", "Connection error", { originalError: inner });
    const c = classifyKafkaError(outer, "127.0.0.1:1");
    expect(c.code).toBe("KAFKA_UNREACHABLE");
    expect(c.userMessage).toContain("Connection refused at 127.0.0.1:1");
  });
  it("recognizes an unknown host", () => {
    expect(classifyKafkaError(err("KafkaJSConnectionError", "getaddrinfo ENOTFOUND nowhere", { code: "ENOTFOUND" })).userMessage).toMatch(/Host not found/);
  });
  it("recognizes failed authentication", () => {
    const c = classifyKafkaError(err("KafkaJSSASLAuthenticationError", "SASL SCRAM SHA256 authentication failed: Authentication failed"));
    expect(c.code).toBe("KAFKA_AUTH_FAILED");
  });
  it("recognizes a listener that does not speak the chosen SASL mechanism", () => {
    const c = classifyKafkaError(err("KafkaJSProtocolError", "Request is not valid given the current SASL state", { type: "ILLEGAL_SASL_STATE" }));
    expect(c.code).toBe("KAFKA_AUTH_FAILED");
  });
  it("recognizes TLS failures by code", () => {
    const c = classifyKafkaError(err("KafkaJSConnectionError", "self-signed certificate", { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }));
    expect(c.code).toBe("KAFKA_TLS_FAILED");
    expect(c.userMessage).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
  });
  it("recognizes timeouts", () => {
    expect(classifyKafkaError(err("TopiaryTimeoutError", "connection test timed out after 9500 ms")).code).toBe("KAFKA_TIMEOUT");
    expect(classifyKafkaError(err("KafkaJSRequestTimeoutError", "Request Metadata(key: 3, version: 6) timed out")).code).toBe("KAFKA_TIMEOUT");
  });
  it("falls back to Kafka's own error type, first line only", () => {
    const c = classifyKafkaError(err("KafkaJSProtocolError", "Topic with this name already exists\n    at stack", { type: "TOPIC_ALREADY_EXISTS" }));
    expect(c).toEqual({ code: "KAFKA_ERROR", userMessage: "Kafka refused the request — TOPIC_ALREADY_EXISTS: Topic with this name already exists" });
  });
  it("says what each of a batch's errors was, not only that there were some", () => {
    const inner = Object.assign(err("KafkaJSCreateTopicError", "Replication factor is below 1 or larger than the number of available brokers", { type: "INVALID_REPLICATION_FACTOR" }), { topic: "orders" });
    const c = classifyKafkaError(Object.assign(err("KafkaJSAggregateError", "Topic creation errors"), { errors: [inner] }));
    expect(c.userMessage).toBe('Kafka refused the request — INVALID_REPLICATION_FACTOR for topic "orders": Replication factor is below 1 or larger than the number of available brokers');
  });
  it("says a port that closes at the first request does not look like a Kafka broker", () => {
    const c = classifyKafkaError(err("KafkaJSNumberOfRetriesExceeded", "Closed connection"), "127.0.0.1:8080");
    expect(c).toEqual({ code: "KAFKA_UNREACHABLE", userMessage: "127.0.0.1:8080 accepted the connection and closed it at the first request: this does not look like a Kafka broker (or the listener expects TLS or SASL)." });
  });
  it("survives non-errors", () => {
    expect(classifyKafkaError(undefined).code).toBe("KAFKA_ERROR");
    expect(classifyKafkaError("boom").code).toBe("KAFKA_ERROR");
  });
});
