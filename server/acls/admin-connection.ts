import "server-only";
import net from "node:net";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaConnectionTimeoutMs, kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { connectionOf } from "@/server/kafka/cluster-connection";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { addressForConnect } from "@/server/net/check-address-policy";
import { AddressRefusedError } from "@/server/net/guarded-connect";

// SCRAM credentials and client quotas are Admin API requests kafkajs 2.2.4 does not have
// (DescribeUserScramCredentials, AlterUserScramCredentials, DescribeClientQuotas, AlterClientQuotas). They go
// through @platformatic/kafka's protocol layer: its request encoders and response parsers over one of its
// Connections, authenticated like the cluster's other clients. Its clients take no socket factory, so Topiary
// never lets it pick a broker: one connection per operation, to the broker the cluster's metadata names as
// controller (kafkajs, whose sockets pass the network policy, read that metadata), opened to the address the
// policy check just resolved and allowed. The Java AdminClient sends these requests to the controller too; in
// KRaft that broker forwards the changes to the active controller.

type Platformatic = typeof import("@platformatic/kafka");
type Connection = InstanceType<Platformatic["Connection"]>;

let loading: Promise<Platformatic> | null = null;
/** Loaded on first use (about 0.4 s once per server process), not with every page. */
export function platformatic(): Promise<Platformatic> {
  loading ??= import("@platformatic/kafka").catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

const SASL_NAMES: Record<string, "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512"> = {
  plain: "PLAIN",
  "scram-sha-256": "SCRAM-SHA-256",
  "scram-sha-512": "SCRAM-SHA-512",
};

/** The broker to talk to: the controller the metadata names, else the first one listed. */
async function targetBroker(cluster: Cluster): Promise<{ host: string; port: number }> {
  const described = await (await adminFor(cluster)).describeCluster();
  const broker = described.brokers.find((b) => b.nodeId === described.controller) ?? described.brokers[0];
  if (!broker) throw new AppError("KAFKA_UNREACHABLE", { userMessage: `${cluster.name} lists no brokers.` });
  return { host: broker.host, port: broker.port };
}

/**
 * Runs `fn` on a fresh, authenticated @platformatic/kafka connection to the cluster's controller broker, closed
 * afterwards. Every failure comes out as an AppError whose message is safe to show.
 */
export async function withAdminConnection<T>(cluster: Cluster, what: string, fn: (connection: Connection, lib: Platformatic) => Promise<T>): Promise<T> {
  const deadline = kafkaRequestTimeoutMs() + kafkaConnectionTimeoutMs();
  let connection: Connection | null = null;
  try {
    return await withTimeout(
      (async () => {
        const lib = await platformatic();
        const { host, port } = await targetBroker(cluster);
        const decision = await addressForConnect(host);
        if (decision && "refusal" in decision) throw new AddressRefusedError(decision.refusal);
        const c = connectionOf(cluster);
        const mechanism = c.saslMechanism ? SASL_NAMES[c.saslMechanism] : undefined;
        if (c.saslMechanism && !mechanism) throw new AppError("VALIDATION", { userMessage: `SASL mechanism ${c.saslMechanism} is not supported for this request.` });
        connection = new lib.Connection(`topiary-${cluster.id}`, {
          connectTimeout: kafkaConnectionTimeoutMs(),
          requestTimeout: kafkaRequestTimeoutMs(),
          ...(c.tlsEnabled
            ? {
                tls: { rejectUnauthorized: c.tlsRejectUnauthorized, ...(c.tlsCa ? { ca: [c.tlsCa] } : {}), ...(c.tlsCert ? { cert: c.tlsCert } : {}), ...(c.tlsKey ? { key: c.tlsKey } : {}) },
                // The certificate is checked against the broker's name, whatever address was connected to.
                ...(net.isIP(host) ? {} : { tlsServerName: host }),
              }
            : {}),
          ...(mechanism ? { sasl: { mechanism, username: c.saslUsername ?? "", password: c.saslPassword ?? "" } } : {}),
        });
        await connection.connect(decision ? decision.address : host, port);
        return fn(connection, lib);
      })(),
      deadline,
      what,
    );
  } catch (e) {
    throw toAdminAppError(e, what, cluster.bootstrapServers);
  } finally {
    const open = connection as Connection | null;
    if (open) await open.close().catch(() => {});
  }
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  apiId?: string;
  serverErrorMessage?: string | null;
  cause?: unknown;
  errors?: unknown[];
}

/** @platformatic/kafka's errors in the shape classifyKafkaError reads: Kafka's error name as `type`. */
function adapt(e: unknown, depth = 0): unknown {
  if (!e || typeof e !== "object" || depth > 6) return e;
  const x = e as ErrorLike;
  return {
    name: x.name,
    message: x.serverErrorMessage ? `${x.message} (${x.serverErrorMessage})` : x.message,
    // Node's own codes (ECONNREFUSED…) stay; the library's PLT_KFK_* codes say nothing to a user.
    code: typeof x.code === "string" && !x.code.startsWith("PLT_KFK") ? x.code : undefined,
    type: x.apiId ?? (x as { type?: string }).type,
    cause: adapt(x.cause, depth + 1),
    errors: Array.isArray(x.errors) ? x.errors.map((n) => adapt(n, depth + 1)) : undefined,
  };
}

export function toAdminAppError(e: unknown, what: string, bootstrap: string): AppError {
  if (isAppError(e)) return e;
  const c = classifyKafkaError(adapt(e), bootstrap);
  logger.warn("kafka admin request failed", { where: what, code: c.code, error: e });
  return new AppError(c.code, { userMessage: c.userMessage, cause: e });
}

/** Kafka's error name for a failed request (e.g. RESOURCE_NOT_FOUND), when it is one. */
export function kafkaErrorId(e: unknown): string | null {
  const seen = new Set<unknown>();
  const walk = (x: unknown): string | null => {
    if (!x || typeof x !== "object" || seen.has(x)) return null;
    seen.add(x);
    const o = x as ErrorLike;
    if (typeof o.apiId === "string") return o.apiId;
    for (const n of [o.cause, ...(Array.isArray(o.errors) ? o.errors : [])]) {
      const found = walk(n);
      if (found) return found;
    }
    return null;
  };
  return walk(isAppError(e) ? e.cause : e);
}
