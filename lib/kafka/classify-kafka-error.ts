import type { ErrorCode } from "../errors/app-error";

/** The parts of a (kafkajs or Node) error that say what went wrong. Never includes credentials. */
interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  type?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

export interface KafkaErrorClass {
  code: Extract<ErrorCode, `KAFKA_${string}`>;
  userMessage: string;
}

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_PACKET_LENGTH_TOO_LONG",
  "EPROTO",
]);

/** Flattens an error and everything it wraps (cause, originalError, AggregateError.errors). */
function chain(e: unknown, depth = 0): ErrorLike[] {
  if (!e || typeof e !== "object" || depth > 6) return [];
  const x = e as ErrorLike;
  const nested = [x.cause, x.originalError, ...(Array.isArray(x.errors) ? x.errors : [])];
  return [x, ...nested.flatMap((n) => chain(n, depth + 1))];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * Says, in words a user can act on, why talking to a cluster failed: unreachable host, failed authentication,
 * failed TLS, a timeout, or Kafka's own error. Never echoes a stack.
 */
export function classifyKafkaError(error: unknown, bootstrap = "the cluster"): KafkaErrorClass {
  const all = chain(error);
  const names = all.map((x) => str(x.name));
  const codes = all.map((x) => str(x.code));
  const types = all.map((x) => str(x.type));
  const text = all.map((x) => str(x.message)).join(" | ");

  if (codes.includes("ETOPIARYPOLICY")) {
    // The network policy refused the connection as it opened (server/net/guarded-connect.ts): say why.
    const why = /refused by the network policy: (.*)$/.exec(text.split(" | ").find((t) => t.includes("refused by the network policy")) ?? "")?.[1];
    return { code: "KAFKA_UNREACHABLE", userMessage: `Connection to ${bootstrap} refused by the network policy${why ? `: ${why}` : "."}` };
  }
  if (names.includes("KafkaJSSASLAuthenticationError") || types.includes("SASL_AUTHENTICATION_FAILED") || /SASL .*authentication failed/i.test(text)) {
    return { code: "KAFKA_AUTH_FAILED", userMessage: `Authentication failed at ${bootstrap}: check the SASL mechanism, user name and password.` };
  }
  if (types.includes("ILLEGAL_SASL_STATE") || types.includes("UNSUPPORTED_SASL_MECHANISM")) {
    return {
      code: "KAFKA_AUTH_FAILED",
      userMessage: `Authentication failed at ${bootstrap}: the listener does not accept this SASL mechanism (is SASL enabled on that port?).`,
    };
  }
  if (types.includes("TOPIC_AUTHORIZATION_FAILED") || types.includes("CLUSTER_AUTHORIZATION_FAILED") || types.includes("GROUP_AUTHORIZATION_FAILED")) {
    return { code: "KAFKA_AUTH_FAILED", userMessage: "The cluster refused this request: the configured user is not authorized for it." };
  }
  const tlsCode = codes.find((c) => TLS_CODES.has(c));
  if (tlsCode || /certificate|ssl|tls/i.test(text)) {
    const why = tlsCode ? ` (${tlsCode})` : "";
    return {
      code: "KAFKA_TLS_FAILED",
      userMessage: `TLS handshake with ${bootstrap} failed${why}: check that the listener uses TLS and that the CA certificate matches.`,
    };
  }
  if (codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN")) {
    return { code: "KAFKA_UNREACHABLE", userMessage: `Host not found: ${bootstrap} does not resolve to an address.` };
  }
  if (codes.includes("ECONNREFUSED") || /ECONNREFUSED/.test(text)) {
    return { code: "KAFKA_UNREACHABLE", userMessage: `Connection refused at ${bootstrap}: no Kafka broker is listening there.` };
  }
  if (codes.some((c) => c === "EHOSTUNREACH" || c === "ENETUNREACH" || c === "ECONNRESET") || /EHOSTUNREACH|ENETUNREACH/.test(text)) {
    return { code: "KAFKA_UNREACHABLE", userMessage: `Host unreachable: ${bootstrap} cannot be reached from the Topiary server.` };
  }
  if (names.includes("TopiaryTimeoutError") || names.includes("KafkaJSRequestTimeoutError") || /timed? ?out|timeout/i.test(text)) {
    return { code: "KAFKA_TIMEOUT", userMessage: `No answer from ${bootstrap} in time: the brokers may be down, or the address or protocol (TLS, SASL) may be wrong.` };
  }
  if (/Closed connection/i.test(text)) {
    // The connection was made, then closed at the first request without a Kafka answer.
    return {
      code: "KAFKA_UNREACHABLE",
      userMessage: `${bootstrap} accepted the connection and closed it at the first request: this does not look like a Kafka broker (or the listener expects TLS or SASL).`,
    };
  }
  if (names.includes("KafkaJSConnectionError") || names.includes("KafkaJSBrokerNotFound") || /Connection (error|closed)|broker not found/i.test(text)) {
    return { code: "KAFKA_UNREACHABLE", userMessage: `Could not connect to ${bootstrap}: the brokers are unreachable.` };
  }
  // Kafka's own errors (one per topic or partition for batch requests): each with its code and what it means.
  const specific = all
    .filter((x) => str(x.type))
    .map((x) => {
      const topic = str((x as { topic?: unknown }).topic);
      return `${str(x.type)}${topic ? ` for topic "${topic}"` : ""}: ${str(x.message).split("\n")[0].slice(0, 300)}`;
    });
  if (specific.length) {
    const shown = [...new Set(specific)].slice(0, 3);
    return { code: "KAFKA_ERROR", userMessage: `Kafka refused the request — ${shown.join("; ")}${specific.length > 3 ? ` (and ${specific.length - 3} more)` : ""}` };
  }
  const msg = str(all[0]?.message).split("\n")[0].slice(0, 200);
  return { code: "KAFKA_ERROR", userMessage: `Kafka returned an error${msg ? `: ${msg}` : ""}` };
}
