// Recognizes Kafka's UNKNOWN_TOPIC_OR_PARTITION, also when kafkajs wraps it in its retry error (which keeps
// only the message). Pure: no I/O.

interface ErrorLike {
  type?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

const UNKNOWN_TOPIC_TEXT = /does not host this topic-partition/i;

export function isUnknownTopicError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== "object" || depth > 6) return false;
  const x = e as ErrorLike;
  if (x.type === "UNKNOWN_TOPIC_OR_PARTITION") return true;
  if (typeof x.message === "string" && UNKNOWN_TOPIC_TEXT.test(x.message)) return true;
  return isUnknownTopicError(x.originalError, depth + 1) || isUnknownTopicError(x.cause, depth + 1);
}
