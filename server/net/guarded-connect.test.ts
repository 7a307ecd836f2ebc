// The network policy holds at the moment of connecting: every Kafka connection (bootstrap and advertised
// brokers) and every outbound HTTP call, whatever was checked when the cluster or webhook was saved.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/server/db/prisma";
import { fetchClusterOverview } from "@/server/clusters/fetch-cluster-overview";
import { buildKafkaConfig } from "@/server/kafka/kafka-config";
import { fetchLagSnapshot } from "@/server/groups/fetch-lag-snapshot";
import { ALLOW_PRIVATE_ADDRESSES_KEY, setAllowPrivateAddresses } from "@/server/settings/network-policy";
import { brokers, makeCluster } from "@/server/test-support/fixtures";
import { AddressRefusedError, guardedRequest, guardedSocketFactory } from "./guarded-connect";

afterEach(async () => {
  await prisma.setting.deleteMany({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY } });
});

const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function receiver() {
  const server = http.createServer((req, res) => res.end(`hello ${req.headers.host}`));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

describe("Kafka connections", () => {
  it("a cluster saved while loopback was allowed is refused as soon as the setting turns off, and works again when it turns on", async () => {
    const cluster = await makeCluster(); // the test broker, on 127.0.0.1
    expect((await fetchClusterOverview(cluster)).brokers.length).toBeGreaterThan(0);

    await setAllowPrivateAddresses(false);
    const started = Date.now();
    const refused = await fetchClusterOverview(cluster).then(
      () => null,
      (e) => e,
    );
    expect(refused?.userMessage ?? String(refused)).toMatch(/refused by the network policy: 127\.0\.0\.1 is a loopback address/);
    await expect(fetchLagSnapshot(cluster)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(20_000);

    await setAllowPrivateAddresses(true);
    expect((await fetchClusterOverview(cluster)).brokers.length).toBeGreaterThan(0);
  });

  it("every broker connection goes through the check, the brokers named in metadata too", async () => {
    // Bootstrap by name; the broker advertises itself as 127.0.0.1: both connections are made by the factory.
    const port = brokers().split(",")[0].split(":")[1];
    const config = buildKafkaConfig({ bootstrapServers: `localhost:${port}`, tlsEnabled: false, tlsRejectUnauthorized: true, tlsCa: null, tlsCert: null, tlsKey: null, saslMechanism: null, saslUsername: null, saslPassword: null });
    const dialled: string[] = [];
    const kafka = new Kafka({
      ...config,
      logLevel: logLevel.NOTHING,
      socketFactory: (args) => {
        dialled.push(args.host);
        return guardedSocketFactory(args as Parameters<typeof guardedSocketFactory>[0]);
      },
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.listTopics();
      await admin.describeCluster();
    } finally {
      await admin.disconnect();
    }
    expect(dialled).toContain("localhost");
    expect(dialled).toContain("127.0.0.1");
  });

  it("the factory refuses at connect time with the reason, connecting to nothing", async () => {
    await setAllowPrivateAddresses(false);
    const socket = guardedSocketFactory({ host: "127.0.0.1", port: 9, ssl: undefined, onConnect: () => {} });
    const error = await new Promise<Error>((resolve) => socket.on("error", resolve));
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
  });
});

describe("HTTP calls", () => {
  it("connect to the address that was checked, keep the URL's Host, and are refused when the policy says so", async () => {
    const port = await receiver();
    const res = await guardedRequest(`http://localhost:${port}/x`, { timeoutMs: 2000 });
    expect(res).toMatchObject({ status: 200, body: `hello localhost:${port}` });

    await setAllowPrivateAddresses(false);
    await expect(guardedRequest(`http://localhost:${port}/x`, { timeoutMs: 2000 })).rejects.toThrow(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    await expect(guardedRequest(`http://[::ffff:7f00:1]:${port}/x`, { timeoutMs: 2000 })).rejects.toBeInstanceOf(AddressRefusedError);
    await expect(guardedRequest(`http://2130706433:${port}/x`, { timeoutMs: 2000 })).rejects.toBeInstanceOf(AddressRefusedError);
  });
});
