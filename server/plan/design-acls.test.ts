// A design's identities applied to the real secured broker (SASL/SCRAM-SHA-512, StandardAuthorizer, no ACL →
// refused; scripts/kafka/secure.mjs, started by global setup for files named *acls*): the bindings Topiary derives
// let each application do what the design says and nothing else, re-applying changes nothing, removing an
// application removes exactly its bindings, a binding removed by hand is drift. And against the plaintext broker,
// which has no authorizer.
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindingKey, type AclBinding } from "@/lib/acls/acl-model";
import { defaultAccess, type ApplicationAccess } from "@/lib/designs/design-identities";
import { defaultNodeData, type DesignNode, type Topology } from "@/lib/designs/design-schema";
import { unwrap, type ActionResult } from "@/lib/errors/action-result";
import type { NodeDrift } from "@/lib/plan/drift";
import type { Cluster } from "@/prisma/generated/client";
import { GET as driftRoute } from "@/app/api/designs/[id]/drift/route";
import { createScramUserAction } from "@/server/actions/acl-actions";
import { applyPlanAction, importFromClusterAction } from "@/server/actions/plan-actions";
import { bindingsFromDescribe, exactFilter, MATCH_ALL } from "@/server/acls/acl-codec";
import { listClientQuotas } from "@/server/acls/list-client-quotas";
import { makeSecureCluster, secureKafkaEnv } from "@/server/acls/secure-test-cluster";
import { prisma } from "@/server/db/prisma";
import { routeAs } from "@/server/test-support/auth";
import { editDesign, makeDesign, topicNode } from "@/server/test-support/designs";
import { makeCluster, unique } from "@/server/test-support/fixtures";
import { computePlan } from "./compute-plan";

const clients: { disconnect: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const c of clients) await c.disconnect().catch(() => {});
});

const kafkaAs = (username: string, password: string) =>
  new Kafka({ clientId: unique("design-acls"), brokers: secureKafkaEnv().brokers.split(","), sasl: { mechanism: "scram-sha-512", username, password }, logLevel: logLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 0 } });

const errorType = (e: unknown) => {
  const x = e as { type?: string; name?: string; cause?: { type?: string }; originalError?: { type?: string } };
  return x.type ?? x.cause?.type ?? x.originalError?.type ?? x.name ?? "error";
};

async function produceAs(user: { name: string; password: string }, topic: string): Promise<string> {
  const producer = kafkaAs(user.name, user.password).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
  try {
    await producer.connect();
    await producer.send({ topic, messages: [{ value: "hello" }], acks: -1 });
    return "ok";
  } catch (e) {
    return errorType(e);
  } finally {
    await producer.disconnect().catch(() => {});
  }
}

/**
 * Reads the topic as the user in the group: "ok" once a message arrives, or the error that stopped it. kafkajs
 * reports a FindCoordinator refusal as "group coordinator not found" (its broker pool drops the broker's error),
 * so the broker's own error is taken from kafkajs' debug log.
 */
async function consumeAs(user: { name: string; password: string }, topic: string, groupId: string): Promise<string> {
  // A broker started for this run may still be loading its offsets topic: that answer is asked again, a few
  // times, as a client would (an authorization error comes back at once and is returned as it is).
  for (let attempt = 1; ; attempt++) {
    const r = await consumeOnce(user, topic, groupId);
    if (!TRANSIENT.has(r) || attempt === 6) return r;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

const TRANSIENT = new Set(["GROUP_LOAD_IN_PROGRESS", "GROUP_COORDINATOR_NOT_AVAILABLE", "KafkaJSGroupCoordinatorNotFound", "COORDINATOR_LOAD_IN_PROGRESS"]);

async function consumeOnce(user: { name: string; password: string }, topic: string, groupId: string): Promise<string> {
  const brokerErrors: string[] = [];
  const kafka = new Kafka({
    clientId: unique("design-acls"),
    brokers: secureKafkaEnv().brokers.split(","),
    sasl: { mechanism: "scram-sha-512", username: user.name, password: user.password },
    connectionTimeout: 3000,
    // Retried while a new broker creates its offsets topic (coordinator not yet available); an authorization error is not retried.
    retry: { retries: 8 },
    logLevel: logLevel.DEBUG,
    logCreator: () => ({ log }) => {
      const e = (log as { message?: string; error?: unknown }).error;
      if (log.message === "Tried to find group coordinator" && e) brokerErrors.push(String((e as { type?: string }).type ?? e));
    },
  });
  const consumer = kafka.consumer({ groupId, retry: { retries: 8, restartOnFailure: async () => false }, sessionTimeout: 10_000 });
  try {
    const r = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve("timeout"), 20_000);
      const done = (x: string) => (clearTimeout(timer), resolve(x));
      consumer.on(consumer.events.CRASH, (e) => done(errorType(e.payload.error)));
      consumer
        .connect()
        .then(() => consumer.subscribe({ topic, fromBeginning: true }))
        .then(() => consumer.run({ eachMessage: async () => done("ok") }))
        .catch((e) => done(errorType(e)));
    });
    return r === "KafkaJSGroupCoordinatorNotFound" ? (brokerErrors.find((x) => !TRANSIENT.has(x)) ?? r) : r;
  } finally {
    await consumer.disconnect().catch(() => {});
  }
}

const access = (a: Partial<ApplicationAccess>): ApplicationAccess => ({ ...defaultAccess(), ...a });

async function plan(designId: string) {
  return (await computePlan(designId)).plan;
}
async function apply(designId: string, clusterId: string, confirmPrincipals: string[] = []) {
  const p = await plan(designId);
  return unwrap(await applyPlanAction({ designId, clusterId, planHash: p.hash, confirmDeletions: [], confirmPrincipals }));
}
async function drift(designId: string): Promise<Record<string, NodeDrift>> {
  const res = await routeAs(null, driftRoute, `/api/designs/${designId}/drift`, { id: designId });
  expect(res.status, res.text).toBe(200);
  return JSON.parse(res.text).nodes;
}

let cluster: Cluster;
let superAdmin: ReturnType<Kafka["admin"]>;
const liveBindings = async () => bindingsFromDescribe((await superAdmin.describeAcls(MATCH_ALL)).resources).bindings;

async function newUser(prefix: string) {
  const name = unique(prefix);
  const r = unwrap((await createScramUserAction({ clusterId: cluster.id, username: name })) as ActionResult<{ generatedPassword: string | null }>);
  return { name, password: r.generatedPassword!, principal: `User:${name}` };
}

beforeAll(async () => {
  cluster = await makeSecureCluster();
  const s = secureKafkaEnv();
  superAdmin = kafkaAs(s.username, s.password).admin();
  clients.push(superAdmin);
  await superAdmin.connect();
});

describe("a design's identities on the secured cluster", () => {
  it("grants each application what the design says, re-applies nothing, shows a removed binding as drift, and removes exactly an application's bindings", async () => {
    const producerUser = await newUser("orders-svc");
    const consumerUser = await newUser("billing");
    const orders = unique("dacl-orders");
    const other = unique("dacl-other");
    const groupId = unique("dacl-billing");
    const producer: DesignNode = {
      id: "p",
      kind: "producer",
      data: { ...defaultNodeData("producer"), appName: "orders", clientId: unique("orders-client"), access: access({ principal: producerUser.principal, quota: { subject: "user", producer_byte_rate: 1048576, consumer_byte_rate: null, request_percentage: null } }) },
    };
    const group: DesignNode = { id: "g", kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId, access: access({ principal: consumerUser.principal }) } };
    const topology: Topology = {
      nodes: [producer, topicNode(orders), topicNode(other), group],
      edges: [
        { id: "e1", source: "p", target: topicNode(orders).id },
        { id: "e2", source: topicNode(orders).id, target: "g" },
      ],
    };
    const d = await makeDesign(cluster.id, topology, unique("design-acls"));
    // A binding no design made: listed as unmanaged, never touched.
    const hand: AclBinding = { resourceType: "TOPIC", resourceName: orders, patternType: "LITERAL", principal: `User:${unique("hand")}`, host: "*", operation: "READ", permission: "ALLOW" };
    await superAdmin.createAcls({ acl: [exactFilter(hand) as never] });
    await expect.poll(async () => (await liveBindings()).some((b) => bindingKey(b) === bindingKey(hand))).toBe(true);

    const first = await plan(d.id);
    expect(first.access?.acls).toBe("enforced");
    expect(first.changes.filter((c) => c.kind === "createAcl")).toHaveLength(6);
    expect(first.changes.filter((c) => c.kind === "setQuota")).toHaveLength(1);
    expect(first.access?.unmanaged.map(bindingKey)).toContain(bindingKey(hand));
    expect((await drift(d.id)).p.status).toBe("access-not-applied");

    const run = await apply(d.id, cluster.id);
    expect(run.status, JSON.stringify(run.results)).toBe("succeeded");

    expect(await produceAs(producerUser, orders)).toBe("ok");
    expect(await produceAs(producerUser, other)).toBe("TOPIC_AUTHORIZATION_FAILED");
    expect(await consumeAs(consumerUser, orders, groupId)).toBe("ok");
    expect(await consumeAs(consumerUser, orders, unique("not-its-group"))).toBe("GROUP_AUTHORIZATION_FAILED");
    expect((await listClientQuotas(cluster)).entries.find((e) => e.entity[0]?.name === producerUser.name)?.values).toEqual({ producer_byte_rate: 1048576 });

    // Re-applying plans nothing.
    const again = await plan(d.id);
    expect(again.changes).toEqual([]);
    expect((await drift(d.id)).p.status).toBe("access-in-sync");

    // Someone removes the producer's WRITE by hand: drift on the producer, and the plan creates it again.
    const write = again.access!.bindings.find((b) => b.binding.principal === producerUser.principal && b.binding.operation === "WRITE")!.binding;
    await superAdmin.deleteAcls({ filters: [exactFilter(write)] });
    await expect.poll(async () => (await drift(d.id)).p?.status, { timeout: 10_000 }).toBe("access-removed");
    const drifted = await drift(d.id);
    expect(drifted.p.access?.removed).toEqual([`ALLOW ${producerUser.principal} WRITE on topic "${orders}"`]);
    expect(drifted.g.status).toBe("group-exists");
    expect((await plan(d.id)).changes).toEqual([expect.objectContaining({ kind: "createAcl", binding: write })]);
    expect((await apply(d.id, cluster.id)).status).toBe("succeeded");
    expect(await produceAs(producerUser, orders)).toBe("ok");

    // The producer leaves the design: exactly its bindings and its quota go; the group's and the hand-made stay.
    const before = await liveBindings();
    await editDesign(d.id, (t) => ({ nodes: t.nodes.filter((n) => n.id !== "p"), edges: t.edges.filter((e) => e.source !== "p") }));
    const removal = await plan(d.id);
    expect(removal.changes.map((c) => c.kind).sort()).toEqual(["deleteAcl", "deleteAcl", "deleteAcl", "setQuota"]);
    // Deleting a principal's bindings needs the principal typed back.
    expect(await applyPlanAction({ designId: d.id, clusterId: cluster.id, planHash: removal.hash, confirmDeletions: [] })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect((await apply(d.id, cluster.id, [producerUser.principal])).status).toBe("succeeded");
    const after = await liveBindings();
    const gone = before.filter((b) => !after.some((a) => bindingKey(a) === bindingKey(b)));
    expect(gone.map((b) => `${b.principal} ${b.operation} ${b.resourceType}`).sort()).toEqual(
      [`${producerUser.principal} DESCRIBE TOPIC`, `${producerUser.principal} IDEMPOTENT_WRITE CLUSTER`, `${producerUser.principal} WRITE TOPIC`].sort(),
    );
    expect(after.some((b) => bindingKey(b) === bindingKey(hand))).toBe(true);
    expect(after.filter((b) => b.principal === consumerUser.principal)).toHaveLength(3);
    expect((await listClientQuotas(cluster)).entries.find((e) => e.entity[0]?.name === producerUser.name)).toBeUndefined();
    expect(await produceAs(producerUser, orders)).toBe("TOPIC_AUTHORIZATION_FAILED");
    expect((await plan(d.id)).changes).toEqual([]);
    // The store remembers only the group's bindings now.
    expect(await prisma.designAclBinding.count({ where: { designId: d.id, clusterId: cluster.id } })).toBe(3);
    expect(await prisma.designClientQuota.count({ where: { designId: d.id } })).toBe(0);
  });

  it("a binding another design also created stays when one of them stops needing it", async () => {
    const user = await newUser("shared");
    const topic = unique("dacl-shared");
    const node = (id: string): DesignNode => ({ id, kind: "producer", data: { ...defaultNodeData("producer"), access: access({ principal: user.principal, idempotent: false }) } });
    const t: Topology = { nodes: [node("p"), topicNode(topic)], edges: [{ id: "e", source: "p", target: topicNode(topic).id }] };
    const a = await makeDesign(cluster.id, t, unique("shared-a"));
    const b = await makeDesign(cluster.id, t, unique("shared-b"));
    expect((await apply(a.id, cluster.id)).status).toBe("succeeded");
    // The second finds them made by Topiary for the first: in sync, and recorded as its own too when applied.
    expect((await plan(b.id)).access?.bindings.map((x) => x.status)).toEqual(["in-sync", "in-sync"]);
    expect((await apply(b.id, cluster.id)).status).toBe("no-op");
    await editDesign(a.id, (x) => ({ nodes: x.nodes.filter((n) => n.id !== "p"), edges: [] }));
    const p = await plan(a.id);
    expect(p.changes).toEqual([]);
    expect(p.access?.bindings.map((x) => x.status)).toEqual(["kept", "kept"]);
  });
});

describe("import from the secured cluster", () => {
  it("brings principals in where their bindings match the imported topics and groups, and its plan is empty", async () => {
    const prefix = `${unique("dacl-import")}.`;
    const [orders, refunds] = [`${prefix}orders`, `${prefix}refunds`];
    const groupId = unique("dacl-import-group");
    const writer = `User:${unique("writer")}`;
    const reader = `User:${unique("reader")}`;
    await superAdmin.createTopics({ topics: [orders, refunds].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
    await superAdmin.setOffsets({ groupId, topic: orders, partitions: [{ partition: 0, offset: "0" }] });
    const grant = (principal: string, resourceType: AclBinding["resourceType"], resourceName: string, operation: AclBinding["operation"]): AclBinding => ({ resourceType, resourceName, patternType: "LITERAL", principal, host: "*", operation, permission: "ALLOW" });
    const grants = [
      grant(writer, "TOPIC", orders, "WRITE"),
      grant(writer, "TOPIC", orders, "DESCRIBE"),
      grant(writer, "CLUSTER", "kafka-cluster", "IDEMPOTENT_WRITE"),
      grant(reader, "TOPIC", orders, "READ"),
      grant(reader, "TOPIC", orders, "DESCRIBE"),
      grant(reader, "GROUP", groupId, "READ"),
    ];
    await superAdmin.createAcls({ acl: grants.map((g) => exactFilter(g) as never) });
    await expect.poll(async () => (await liveBindings()).filter((b) => b.principal === writer || b.principal === reader).length).toBe(6);

    const view = unwrap(await importFromClusterAction({ clusterId: cluster.id, name: unique("imported"), prefix, regex: "", includeGroups: true }));
    const design = await prisma.design.findUniqueOrThrow({ where: { id: view.id } });
    const t = JSON.parse(design.topology) as Topology;
    const producer = t.nodes.find((n) => n.kind === "producer");
    expect(producer?.data).toMatchObject({ appName: writer.slice(5), access: { principal: writer, idempotent: true, transactional: false } });
    expect(t.edges.filter((e) => e.source === producer?.id).map((e) => t.nodes.find((n) => n.id === e.target)?.data)).toEqual([expect.objectContaining({ name: orders })]);
    expect(t.nodes.find((n) => n.kind === "consumerGroup")?.data).toMatchObject({ groupId, access: { principal: reader } });
    // Nothing to create: the cluster already grants what the imported design derives (never recorded as its own).
    const p = await plan(view.id);
    expect(p.changes).toEqual([]);
    expect(p.access?.bindings.map((b) => b.status)).toEqual(Array(6).fill("present"));
  });
});

describe("a cluster without an authorizer", () => {
  it("plans no binding and says why; the topics are planned and applied as before", async () => {
    const plain = await makeCluster();
    const topic = unique("dacl-plain");
    const d = await makeDesign(plain.id, {
      nodes: [{ id: "p", kind: "producer", data: { ...defaultNodeData("producer"), access: access({ principal: "User:orders-svc" }) } }, topicNode(topic)],
      edges: [{ id: "e", source: "p", target: topicNode(topic).id }],
    });
    const p = await plan(d.id);
    expect(p.access?.acls).toBe("not-enforced");
    expect(p.access?.note).toMatch(/not enforced/);
    expect(p.changes.map((c) => c.kind)).toEqual(["createTopic"]);
    expect((await apply(d.id, plain.id)).status).toBe("succeeded");
    expect((await drift(d.id)).p).toBeUndefined();
  });
});
