// A broker's settings against the real broker: read with their sources, a run-time setting changed and reset,
// the other run-time settings kept, and what cannot change at run time refused before Kafka is asked.
import { describe, expect, it } from "vitest";
import { GET as brokerRoute } from "@/app/api/clusters/[id]/brokers/[broker]/route";
import type { BrokerConfigPage } from "@/lib/clusters/broker-config";
import { alterBrokerConfigAction } from "@/server/actions/broker-actions";
import { prisma } from "@/server/db/prisma";
import { makeCluster, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";

describe("a broker's configuration", () => {
  it("is read with its sources; a run-time setting is set and reset, keeping the others", async () => {
    const c = await makeCluster();
    const id = (await withAdmin((a) => a.describeCluster())).brokers[0].nodeId;
    const read = async () => (await callRoute<BrokerConfigPage>(brokerRoute, `/api/clusters/${c.id}/brokers/${id}`, { id: c.id, broker: String(id) })).body;
    const page = await read();
    expect(page).toMatchObject({ broker: id, isController: expect.any(Boolean) });
    expect(page.configs.find((x) => x.name === "log.dirs")).toMatchObject({ dynamicallyUpdatable: false });

    expect(await alterBrokerConfigAction({ clusterId: c.id, broker: id, set: { "log.cleaner.threads": "2", "log.cleaner.backoff.ms": "16000" } })).toMatchObject({ ok: true });
    expect(await alterBrokerConfigAction({ clusterId: c.id, broker: id, remove: ["log.cleaner.threads"] })).toMatchObject({ ok: true, data: { before: { "log.cleaner.threads": "2" } } });
    const after = await read();
    expect(after.configs.find((x) => x.name === "log.cleaner.backoff.ms")).toMatchObject({ value: "16000", isDynamic: true });
    expect(after.configs.find((x) => x.name === "log.cleaner.threads")).toMatchObject({ isDynamic: false });
    expect(await prisma.auditRecord.count({ where: { action: "broker.config", target: `broker ${id}: log.cleaner.threads reset to default (was 2)` } })).toBe(1);
    await alterBrokerConfigAction({ clusterId: c.id, broker: id, remove: ["log.cleaner.backoff.ms"] });

    expect(await alterBrokerConfigAction({ clusterId: c.id, broker: id, set: { "log.dirs": "/elsewhere" } })).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("cannot be changed while the broker runs") } });
    expect((await callRoute(brokerRoute, `/api/clusters/${c.id}/brokers/77`, { id: c.id, broker: "77" })).status).toBe(404);
  });
});
