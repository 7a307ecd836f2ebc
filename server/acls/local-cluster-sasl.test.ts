// The cluster "local" follows the launcher: the plaintext broker, or `npm start -- --secure`'s secured one with
// its super user (the password sealed like any cluster secret), while it is as Topiary left it; a cluster the
// user changed is left alone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureDefaultCluster } from "@/server/clusters/ensure-default-cluster";
import { isSealed, openSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";

const KEYS = ["KAFKA_BROKERS", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"] as const;
let saved: Partial<Record<(typeof KEYS)[number], string | undefined>> = {};

const reset = async () => {
  await prisma.cluster.deleteMany({ where: { name: "local" } });
  await prisma.setting.deleteMany({ where: { key: { in: ["defaultClusterSeeded", "defaultClusterConnection"] } } });
};
beforeEach(async () => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  await reset();
});
afterEach(async () => {
  for (const k of KEYS) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
  await reset();
});

function launch(secure: boolean) {
  process.env.KAFKA_BROKERS = secure ? "127.0.0.1:9093" : "127.0.0.1:9092";
  if (secure) Object.assign(process.env, { KAFKA_SASL_MECHANISM: "scram-sha-512", KAFKA_SASL_USERNAME: "topiary-admin", KAFKA_SASL_PASSWORD: "generated once" });
  else for (const k of ["KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"]) delete process.env[k];
  return ensureDefaultCluster();
}
const local = () => prisma.cluster.findUniqueOrThrow({ where: { name: "local" } });

describe("the cluster local and the secured local broker", () => {
  it("is made secured on a secured first start, and switches with the launcher afterwards", async () => {
    await launch(true);
    const first = await local();
    expect(first).toMatchObject({ bootstrapServers: "127.0.0.1:9093", saslMechanism: "scram-sha-512", saslUsername: "topiary-admin" });
    expect(isSealed(first.saslPassword!)).toBe(true);
    expect(openSecret(first.saslPassword!)).toBe("generated once");

    await launch(false);
    expect(await local()).toMatchObject({ bootstrapServers: "127.0.0.1:9092", saslMechanism: null, saslUsername: null, saslPassword: null });
    await launch(true);
    expect(await local()).toMatchObject({ bootstrapServers: "127.0.0.1:9093", saslMechanism: "scram-sha-512" });
  });

  it("a local cluster the user pointed elsewhere stays as the user left it; a removed one stays removed", async () => {
    await launch(false);
    await prisma.cluster.update({ where: { name: "local" }, data: { bootstrapServers: "kafka.example.com:9092" } });
    await launch(true);
    expect(await local()).toMatchObject({ bootstrapServers: "kafka.example.com:9092", saslMechanism: null });
    await prisma.cluster.delete({ where: { name: "local" } });
    await launch(true);
    expect(await prisma.cluster.findUnique({ where: { name: "local" } })).toBeNull();
  });
});
