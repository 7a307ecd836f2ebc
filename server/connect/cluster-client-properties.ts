import "server-only";
import type { DesiredValue } from "@/lib/plan/connector-plan-types";
import type { Cluster } from "@/prisma/generated/client";
import { connectionOf } from "@/server/kafka/cluster-connection";

// A Topiary cluster's connection as Java client properties under a prefix (MirrorMaker 2's `source.cluster.` and
// `target.cluster.`, issue 14, item 8): bootstrap servers, security protocol, SASL (PLAIN / SCRAM) and TLS with
// PEM material inline (Kafka 2.7+, KIP-651). Values are opened from the store here, on the server; what people see
// is a reference to the cluster, never its address or credentials.

const MECHANISM: Record<string, { name: string; module: string }> = {
  plain: { name: "PLAIN", module: "org.apache.kafka.common.security.plain.PlainLoginModule" },
  "scram-sha-256": { name: "SCRAM-SHA-256", module: "org.apache.kafka.common.security.scram.ScramLoginModule" },
  "scram-sha-512": { name: "SCRAM-SHA-512", module: "org.apache.kafka.common.security.scram.ScramLoginModule" },
};

/** A JAAS string value: backslashes and quotes escaped. */
const jaasQuote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export function clusterClientProperties(cluster: Cluster, prefix: string): Record<string, DesiredValue> {
  const c = connectionOf(cluster);
  const ref = (what: string) => `(${what} of cluster "${cluster.name}")`;
  const out: Record<string, DesiredValue> = {};
  const set = (key: string, value: string, shown: string, secret: boolean) => (out[`${prefix}${key}`] = { value, shown, secret });
  set("bootstrap.servers", c.bootstrapServers, ref("bootstrap servers"), false);
  const sasl = c.saslMechanism ? MECHANISM[c.saslMechanism] : undefined;
  const protocol = sasl ? (c.tlsEnabled ? "SASL_SSL" : "SASL_PLAINTEXT") : c.tlsEnabled ? "SSL" : "PLAINTEXT";
  set("security.protocol", protocol, protocol, false);
  if (sasl) {
    set("sasl.mechanism", sasl.name, sasl.name, false);
    const jaas = `${sasl.module} required username=${jaasQuote(c.saslUsername ?? "")} password=${jaasQuote(c.saslPassword ?? "")};`;
    set("sasl.jaas.config", jaas, ref("SASL credentials"), true);
  }
  if (c.tlsEnabled) {
    if (c.tlsCa) {
      set("ssl.truststore.type", "PEM", "PEM", false);
      set("ssl.truststore.certificates", c.tlsCa, ref("CA certificate"), false);
    }
    if (c.tlsCert && c.tlsKey) {
      set("ssl.keystore.type", "PEM", "PEM", false);
      set("ssl.keystore.certificate.chain", c.tlsCert, ref("client certificate"), false);
      set("ssl.keystore.key", c.tlsKey, ref("client key"), true);
    }
    // Java has no "trust anything": a cluster that skips verification in Topiary still needs its CA; only the
    // host name check can be turned off.
    if (!c.tlsRejectUnauthorized) set("ssl.endpoint.identification.algorithm", "", "(none)", false);
  }
  return out;
}
