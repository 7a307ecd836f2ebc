// Helpers for the registry's integration tests (never imported by the app): a test registry per test file, a
// cluster that uses it, and the client library (@kafkajs/confluent-schema-registry) that registers schemas and
// frames messages the way producers do — the framed bytes in tests come from it, never from Topiary's code.
import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { prisma } from "@/server/db/prisma";
import { sealSecret } from "@/server/crypto/secret-box";
import { makeCluster } from "@/server/test-support/fixtures";
import { startTestRegistry, type TestRegistry, type TestRegistryAuth } from "@/server/test-support/schema-registry/registry-server.mjs";

export { SchemaType };
export type { TestRegistry };

export async function startRegistry(auth: TestRegistryAuth | null = null): Promise<TestRegistry> {
  return startTestRegistry({ auth });
}

/** A cluster on the test broker whose Schema Registry is `registry` (stored as an admin would save it). */
export async function clusterWithRegistry(registry: TestRegistry, auth: TestRegistryAuth | null = null) {
  const cluster = await makeCluster();
  await prisma.schemaRegistry.create({
    data: {
      clusterId: cluster.id,
      url: registry.url,
      authKind: auth?.token ? "bearer" : auth ? "basic" : "none",
      username: auth?.token ? null : (auth?.username ?? null),
      secret: auth ? sealSecret(auth.token ?? auth.password ?? "") : null,
    },
  });
  return cluster;
}

/** The client library against the test registry (no retries: a refusal is an answer). */
export function libraryClient(registry: TestRegistry, auth: TestRegistryAuth | null = null): SchemaRegistry {
  return new SchemaRegistry({ host: registry.url, retry: { retries: 0 }, ...(auth?.username ? { auth: { username: auth.username, password: auth.password ?? "" } } : {}) });
}
