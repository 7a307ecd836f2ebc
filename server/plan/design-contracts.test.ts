// Issue 19, item 6: a design's contracts planned and applied to the bound cluster's Schema Registry (the
// in-process test registry, which checks compatibility as Confluent documents it), on the real broker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as driftRoute } from "@/app/api/designs/[id]/drift/route";
import type { Contract } from "@/lib/contracts/contract-schema";
import type { Topology } from "@/lib/designs/design-schema";
import { unwrap } from "@/lib/errors/action-result";
import type { NodeDrift } from "@/lib/plan/drift";
import { applyPlanAction } from "@/server/actions/plan-actions";
import { routeAs } from "@/server/test-support/auth";
import { editDesign, makeDesign, topicNode } from "@/server/test-support/designs";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { clusterWithRegistry, libraryClient, SchemaType, startRegistry, type TestRegistry } from "@/server/registry/test-support";
import { computePlan } from "./compute-plan";

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

const orderV1 = { type: "record", name: "Order", namespace: "shop", fields: [{ name: "id", type: "string" }, { name: "total", type: "double" }] };
const avro = (schema: object, key?: object): Contract => ({ value: { format: "avro", text: JSON.stringify(schema, null, 2) }, ...(key ? { key: { format: "avro", text: JSON.stringify(key) } } : {}) });
const withField = (field: object) => ({ ...orderV1, fields: [...orderV1.fields, field] });

async function apply(designId: string, clusterId: string) {
  const view = await computePlan(designId);
  return applyPlanAction({ designId, clusterId, planHash: view.plan.hash, confirmDeletions: [] });
}

async function versions(subject: string): Promise<number[]> {
  const res = await fetch(`${registry.url}/subjects/${encodeURIComponent(subject)}/versions`);
  return res.status === 404 ? [] : ((await res.json()) as number[]);
}

const setContract = (topic: string, contract: Contract) => (t: Topology): Topology => ({ ...t, nodes: t.nodes.map((n) => (n.kind === "topic" && n.data.name === topic ? { ...n, data: { ...n.data, contract } } : n)) });

async function driftOf(designId: string): Promise<Record<string, NodeDrift>> {
  const res = await routeAs(null, driftRoute, `/api/designs/${designId}/drift`, { id: designId });
  expect(res.status, res.text).toBe(200);
  return (JSON.parse(res.text) as { nodes: Record<string, NodeDrift> }).nodes;
}

describe("contracts planned and applied to the Schema Registry", () => {
  it("registers <topic>-value (and -key) after the topic, and a second plan is empty", async () => {
    const c = await clusterWithRegistry(registry);
    const topic = unique("contracts.orders");
    const d = await makeDesign(c.id, { nodes: [topicNode(topic, { contract: avro(orderV1, { type: "string" }) })], edges: [] });

    const plan = (await computePlan(d.id)).plan;
    expect(plan.blockingErrors).toEqual([]);
    expect(plan.contracts?.subjects.map((s) => [s.subject, s.status])).toEqual([
      [`${topic}-value`, "create"],
      [`${topic}-key`, "create"],
    ]);
    expect(plan.changes.map((x) => x.kind)).toEqual(["createTopic", "registerSchema", "registerSchema"]);

    const run = unwrap(await apply(d.id, c.id));
    expect(run.status, JSON.stringify(run.results)).toBe("succeeded");
    expect(run.results.find((r) => r.change.kind === "registerSchema")?.message).toMatch(/registered as version 1, schema id \d+/);
    expect(await versions(`${topic}-value`)).toEqual([1]);
    expect(await versions(`${topic}-key`)).toEqual([1]);
    // What a producer's serializer finds under the subject is the contract.
    const latest = (await (await fetch(`${registry.url}/subjects/${topic}-value/versions/latest`)).json()) as { schema: string };
    expect(JSON.parse(latest.schema)).toEqual(orderV1);

    // The registry keeps compact JSON; the design keeps the text as typed: the registry's lookup says they are one.
    const again = (await computePlan(d.id)).plan;
    expect(again.changes).toEqual([]);
    expect(again.contracts?.subjects.map((s) => s.status)).toEqual(["in-sync", "in-sync"]);
    expect(unwrap(await apply(d.id, c.id)).status).toBe("no-op");
    expect((await driftOf(d.id))[`t-${topic.replace(/[^A-Za-z0-9_-]/g, "_")}`]).toMatchObject({ status: "in-sync", contract: { subjects: [{ state: "in-sync" }, { state: "in-sync" }] } });
  });

  it("refuses a change the subject's BACKWARD level rejects, naming the field, and writes nothing (topics included)", async () => {
    const c = await clusterWithRegistry(registry);
    const topic = unique("contracts.breaking");
    const d = await makeDesign(c.id, { nodes: [topicNode(topic, { contract: avro(orderV1) })], edges: [] });
    expect(unwrap(await apply(d.id, c.id)).status).toBe("succeeded");

    const other = unique("contracts.other");
    await editDesign(d.id, (t) => {
      const changed = setContract(topic, avro(withField({ name: "email", type: "string" })))(t);
      return { ...changed, nodes: [...changed.nodes, topicNode(other)] };
    });
    const plan = (await computePlan(d.id)).plan;
    const subject = plan.contracts!.subjects[0];
    expect(subject).toMatchObject({ subject: `${topic}-value`, status: "refused", level: "BACKWARD", latestVersion: 1 });
    expect(subject.breaking[0]).toMatchObject({ field: "email", errorType: "READER_FIELD_MISSING_DEFAULT_VALUE" });
    expect(plan.blockingErrors.join("\n")).toMatch(new RegExp(`${topic}-value.*BACKWARD.*field "email"`));

    const refused = await apply(d.id, c.id);
    expect(refused).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining('field "email"') } });
    expect(await versions(`${topic}-value`)).toEqual([1]);
    expect(await withAdmin((a) => a.listTopics())).not.toContain(other);
  });

  it("registers a compatible change as a new version; a version registered by hand shows as drift on the topic", async () => {
    const c = await clusterWithRegistry(registry);
    const topic = unique("contracts.evolve");
    const d = await makeDesign(c.id, { nodes: [topicNode(topic, { contract: avro(orderV1) })], edges: [] });
    expect(unwrap(await apply(d.id, c.id)).status).toBe("succeeded");

    const v2 = withField({ name: "note", type: ["null", "string"], default: null });
    await editDesign(d.id, setContract(topic, avro(v2)));
    const plan = (await computePlan(d.id)).plan;
    expect(plan.contracts?.subjects[0]).toMatchObject({ status: "update", latestVersion: 1, level: "BACKWARD", change: { kind: "registerSchema", fromVersion: 1 } });
    expect(plan.contracts?.subjects[0].before).toContain('"total"');
    expect(unwrap(await apply(d.id, c.id)).status).toBe("succeeded");
    expect(await versions(`${topic}-value`)).toEqual([1, 2]);
    expect((await computePlan(d.id)).plan.changes).toEqual([]);

    // Someone registers version 3 by hand: the topic node is drifted, naming the subject; a plan would register the contract again.
    await libraryClient(registry).register({ type: SchemaType.AVRO, schema: JSON.stringify(withField({ name: "tag", type: "string", default: "x" })) }, { subject: `${topic}-value` });
    const node = (await driftOf(d.id))[`t-${topic.replace(/[^A-Za-z0-9_-]/g, "_")}`];
    expect(node.status).toBe("drifted");
    expect(node.contract?.subjects[0]).toMatchObject({ subject: `${topic}-value`, state: "older-version", latestVersion: 3 });
    expect(node.details[0]).toContain(`${topic}-value`);
  });

  it("names subjects by record under RecordNameStrategy and TopicRecordNameStrategy", async () => {
    const c = await clusterWithRegistry(registry);
    const topic = unique("contracts.records");
    const record = { ...orderV1, name: `Order${unique("r").replace(/[^A-Za-z0-9]/g, "")}` };
    const d = await makeDesign(c.id, { nodes: [topicNode(topic, { contract: avro(record) })], edges: [], subjectNaming: "TopicRecordNameStrategy" });
    expect((await computePlan(d.id)).plan.contracts?.subjects[0].subject).toBe(`${topic}-shop.${record.name}`);
    await editDesign(d.id, (t) => ({ ...t, subjectNaming: "RecordNameStrategy" }));
    expect(unwrap(await apply(d.id, c.id)).status).toBe("succeeded");
    expect(await versions(`shop.${record.name}`)).toEqual([1]);
  });

  it("says once that contracts are not planned on a cluster without a registry; topics plan as before", async () => {
    const c = await makeCluster();
    const topic = unique("contracts.noregistry");
    const d = await makeDesign(c.id, { nodes: [topicNode(topic, { contract: avro(orderV1) })], edges: [] });
    const plan = (await computePlan(d.id)).plan;
    expect(plan.contracts).toMatchObject({ registry: "none", subjects: [], changes: [] });
    expect(plan.changes.map((x) => x.kind)).toEqual(["createTopic"]);
    expect(unwrap(await apply(d.id, c.id)).status).toBe("succeeded");
  });
});
