// Every protected action and route, called directly (not through the UI): without a session → 401, with too weak
// a role → 403, with the right role → done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as clusterOverview } from "@/app/api/clusters/[id]/overview/route";
import { GET as listTopicsRoute } from "@/app/api/clusters/[id]/topics/route";
import { GET as listGroupsRoute } from "@/app/api/clusters/[id]/groups/route";
import { GET as scanRoute } from "@/app/api/clusters/[id]/scan/route";
import { GET as listAclsRoute } from "@/app/api/clusters/[id]/acls/route";
import { GET as principalRoute } from "@/app/api/clusters/[id]/acls/principal/route";
import { GET as quotasRoute } from "@/app/api/clusters/[id]/acls/quotas/route";
import { GET as scramUsersRoute } from "@/app/api/clusters/[id]/acls/users/route";
import { applyAclChangeAction, changeScramPasswordAction, createScramUserAction, deleteScramUserAction, previewAclChangeAction, setClientQuotasAction } from "@/server/actions/acl-actions";
import { makeSecureCluster } from "@/server/acls/secure-test-cluster";
import { GET as listClustersRoute } from "@/app/api/clusters/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import type { Role } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/errors/action-result";
import { createAlertRuleAction } from "@/server/actions/alert-actions";
import { GET as registryStatusRoute } from "@/app/api/clusters/[id]/registry/route";
import { GET as registrySubjectsRoute } from "@/app/api/clusters/[id]/registry/subjects/route";
import { GET as topicContractsRoute } from "@/app/api/clusters/[id]/registry/contracts/route";
import { GET as designConformanceRoute } from "@/app/api/designs/[id]/conformance/route";
import {
  checkCompatibilityAction,
  deleteSubjectAction,
  deleteVersionAction,
  registerSchemaAction,
  removeRegistrySettingsAction,
  saveRegistrySettingsAction,
  setCompatibilityAction,
  setModeAction,
  testRegistrySettingsAction,
} from "@/server/actions/registry-actions";
import { produceWithSchemaAction } from "@/server/actions/schema-produce-actions";
import { libraryClient, SchemaType, startRegistry, type TestRegistry } from "@/server/registry/test-support";
import {
  createConnectClusterAction,
  createConnectorAction,
  deleteConnectClusterAction,
  deleteConnectorAction,
  pauseConnectorAction,
  restartConnectorAction,
  resumeConnectorAction,
  stopConnectorAction,
  updateConnectClusterAction,
  updateConnectorAction,
} from "@/server/actions/connect-actions";
import { GET as connectorsRoute } from "@/app/api/clusters/[id]/connect/connectors/route";
import { GET as connectSecretsRoute } from "@/app/api/clusters/[id]/connect/secrets/route";
import { deleteConnectSecretAction, setConnectSecretAction } from "@/server/actions/connect-secret-actions";
import { validateDesignConnectorAction } from "@/server/actions/design-connector-actions";
import { connectUrl, deleteConnectors, makeConnectCluster, putConnector } from "@/server/connect/test-support";
import { createClusterAction, deleteClusterAction, testConnectionAction, updateClusterAction } from "@/server/actions/cluster-actions";
import { bindDesignAction, createDesignAction, deleteDesignAction, renameDesignAction, saveTopologyAction } from "@/server/actions/design-actions";
import { alterBrokerConfigAction } from "@/server/actions/broker-actions";
import { copyMessagesAction, produceMessageAction } from "@/server/actions/message-actions";
import { deleteConsumerGroupAction, previewOffsetResetAction, resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import { applyPlanAction } from "@/server/actions/plan-actions";
import { addPartitionsAction, alterTopicConfigAction, createTopicAction, deleteRecordsAction, deleteTopicAction } from "@/server/actions/topic-actions";
import { createUserAction, deleteUserAction, setGrantAction, setPasswordAction, setUserDisabledAction } from "@/server/actions/user-actions";
import { prisma } from "@/server/db/prisma";
import { computePlan } from "@/server/plan/compute-plan";
import { asSession, routeAs, userWithRoles, withSignInOn } from "@/server/test-support/auth";
import { topicNode } from "@/server/test-support/designs";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";

let restore: () => void;
let registry: TestRegistry;
beforeAll(async () => {
  restore = withSignInOn();
  registry = await startRegistry();
});
const connectors: string[] = [];
afterAll(async () => {
  restore();
  await registry.close();
  await deleteConnectors(connectors);
});

/** A Connect cluster (the test worker) under the cluster and a running FileStreamSource on it. */
async function newConnector(clusterId: string) {
  const connect = await makeConnectCluster(clusterId);
  const name = unique("roles-connector");
  connectors.push(name);
  await putConnector(name, { "connector.class": "FileStreamSource", topic: unique("roles-connect"), file: "/dev/null" });
  return { clusterId, connectId: connect.id, name };
}

/** The test registry as the cluster's Schema Registry (idempotent: prepare runs once per caller). */
async function attachRegistry(clusterId: string) {
  await prisma.schemaRegistry.upsert({ where: { clusterId }, create: { clusterId, url: registry.url }, update: { url: registry.url } });
}

const avroSchema = (fields: object[] = []) => JSON.stringify({ type: "record", name: "R", fields: [{ name: "id", type: "string" }, ...fields] });

const ROLE_BELOW: Record<Role, Role | null> = { viewer: null, operator: "viewer", editor: "operator", admin: "editor" };

async function newTopic(partitions = 1) {
  const topic = unique("roles");
  await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true }));
  return topic;
}

interface Case {
  name: string;
  need: Role;
  /** Needs the role on every cluster (a grant on the one cluster is too weak). */
  everyCluster?: boolean;
  /** Makes a fresh input (run once per call, as the local admin would set things up). */
  prepare: (clusterId: string) => Promise<() => Promise<ActionResult<unknown>>>;
  /** The cluster it runs on; the test broker's unless said (ACLs need the secured broker's authorizer). */
  cluster?: () => Promise<{ id: string }>;
}

/** A binding for a principal of its own (no topic needed: a literal binding may name one not created yet). */
const aclGrant = () => ({ resourceType: "TOPIC" as const, resourceName: unique("roles-acl"), patternType: "LITERAL" as const, principal: `User:${unique("roles")}`, host: "*", operation: "READ" as const, permission: "ALLOW" as const });

const cases: Case[] = [
  {
    name: "previewAclChange / applyAclChange (create, then delete a binding)",
    need: "admin",
    cluster: makeSecureCluster,
    prepare: async (c) => {
      const b = aclGrant();
      return async () => {
        const p = await previewAclChangeAction({ clusterId: c, add: [b], remove: [] });
        if (!p.ok) return p;
        const created = await applyAclChangeAction({ clusterId: c, add: [b], remove: [], basis: p.data.basis });
        if (!created.ok) return created;
        const q = await previewAclChangeAction({ clusterId: c, add: [], remove: [b] });
        if (!q.ok) return q;
        return applyAclChangeAction({ clusterId: c, add: [], remove: [b], basis: q.data.basis, confirmPrincipal: b.principal });
      };
    },
  },
  {
    name: "createScramUser / changeScramPassword / deleteScramUser",
    need: "admin",
    cluster: makeSecureCluster,
    prepare: async (c) => {
      const username = unique("roles-user");
      return async () => {
        const u = await createScramUserAction({ clusterId: c, username });
        if (!u.ok) return u;
        const p = await changeScramPasswordAction({ clusterId: c, username });
        if (!p.ok) return p;
        return deleteScramUserAction({ clusterId: c, username, confirmName: username });
      };
    },
  },
  {
    name: "setClientQuotas",
    need: "admin",
    cluster: makeSecureCluster,
    prepare: async (c) => {
      const entity = [{ type: "client-id" as const, name: unique("roles-client") }];
      return async () => {
        const set = await setClientQuotasAction({ clusterId: c, entity, set: { producer_byte_rate: 1024 } });
        if (!set.ok) return set;
        return setClientQuotasAction({ clusterId: c, entity, remove: ["producer_byte_rate"] });
      };
    },
  },
  { name: "produceMessage", need: "operator", prepare: async (c) => { const topic = await newTopic(); return () => produceMessageAction({ clusterId: c, topic, key: "k", value: "v", format: "text", headers: [], partition: null }); } },
  { name: "copyMessages", need: "operator", prepare: async (c) => { const topic = await newTopic(); return () => copyMessagesAction({ clusterId: c, topic, refs: [{ partition: 0, offset: "0" }], target: topic }); } },
  {
    name: "previewOffsetReset / resetGroupOffsets",
    need: "operator",
    prepare: async (c) => {
      const topic = await newTopic();
      const groupId = unique("roles-group");
      return async () => {
        const p = await previewOffsetResetAction({ clusterId: c, groupId, topic, target: "earliest" });
        if (!p.ok) return p;
        return resetGroupOffsetsAction({ clusterId: c, groupId, topic, offsets: [{ partition: 0, offset: 0 }] });
      };
    },
  },
  {
    name: "deleteConsumerGroup",
    need: "admin",
    prepare: async (c) => {
      const topic = await newTopic();
      const groupId = unique("roles-group");
      await withAdmin((a) => a.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: "0" }] }));
      return () => deleteConsumerGroupAction({ clusterId: c, groupId, confirmName: groupId });
    },
  },
  { name: "createAlertRule", need: "editor", prepare: async (c) => () => createAlertRuleAction({ clusterId: c, name: unique("rule"), kind: "lag", lagAbove: 10, forMinutes: 0 }) },
  // A conformance rule (issue 19) is a rule like the others: an editor's.
  { name: "createAlertRule (conformance)", need: "editor", prepare: async (c) => () => createAlertRuleAction({ clusterId: c, name: unique("rule"), kind: "conformance", topic: unique("roles-topic"), conformanceBelow: 90, forMinutes: 0 }) },
  { name: "createDesign (bound)", need: "editor", prepare: async (c) => () => createDesignAction({ name: unique("d"), from: { kind: "blank" }, clusterId: c }) },
  {
    name: "saveTopology / renameDesign / deleteDesign",
    need: "editor",
    prepare: async (c) => {
      const d = await prisma.design.create({ data: { name: unique("d"), clusterId: c, topology: JSON.stringify({ nodes: [], edges: [] }), layout: JSON.stringify({ positions: {} }) } });
      return async () => {
        const s = await saveTopologyAction({ id: d.id, baseVersion: 1, topology: { nodes: [topicNode(unique("t"))], edges: [] } });
        if (!s.ok) return s;
        const r = await renameDesignAction({ id: d.id, name: "renamed" });
        if (!r.ok) return r;
        return deleteDesignAction({ id: d.id, confirmName: "renamed" });
      };
    },
  },
  {
    name: "pauseConnector / resumeConnector / restartConnector / stopConnector",
    need: "operator",
    prepare: async (c) => {
      const ref = await newConnector(c);
      return async () => {
        for (const step of [() => pauseConnectorAction(ref), () => resumeConnectorAction(ref), () => restartConnectorAction({ ...ref, includeTasks: true, onlyFailed: true })]) {
          const r = await step();
          if (!r.ok) return r;
        }
        return stopConnectorAction(ref);
      };
    },
  },
  {
    name: "createConnector / updateConnector / deleteConnector",
    need: "admin",
    prepare: async (c) => {
      const connect = await makeConnectCluster(c);
      const name = unique("roles-new-connector");
      connectors.push(name);
      const ref = { clusterId: c, connectId: connect.id, name };
      const config = { "connector.class": "FileStreamSource", topic: unique("roles-connect"), file: "/dev/null" };
      return async () => {
        const created = await createConnectorAction({ ...ref, mode: "create", config });
        if (!created.ok) return created;
        const updated = await updateConnectorAction({ ...ref, mode: "update", config: { ...config, "batch.size": "100" } });
        if (!updated.ok) return updated;
        return deleteConnectorAction({ ...ref, confirmName: name });
      };
    },
  },
  {
    // The secrets connectors in designs refer to: like changing a connector, an admin's (issue 14).
    name: "setConnectSecret / deleteConnectSecret",
    need: "admin",
    prepare: async (c) => {
      const name = unique("roles-secret");
      return async () => {
        const set = await setConnectSecretAction({ clusterId: c, name, value: "s3cret" });
        if (!set.ok) return set;
        return deleteConnectSecretAction({ clusterId: c, name, confirmName: name });
      };
    },
  },
  {
    // Connect's check of a connector node while it is drawn: whoever edits the design (issue 14).
    name: "validateDesignConnector",
    need: "editor",
    prepare: async (c) => {
      const d = await prisma.design.create({ data: { name: unique("d"), clusterId: c, topology: JSON.stringify({ nodes: [], edges: [] }), layout: JSON.stringify({ positions: {} }) } });
      const node = { kind: "sinkConnector" as const, data: { name: "x", connectorClass: "FileStreamSink" } };
      return () => validateDesignConnectorAction({ designId: d.id, node, topics: { reads: ["t"], writes: [] } });
    },
  },
  {
    // Like editing the cluster itself: admin on that cluster.
    name: "createConnectCluster / updateConnectCluster / deleteConnectCluster",
    need: "admin",
    prepare: async (c) => {
      const name = unique("connect");
      return async () => {
        const created = await createConnectClusterAction({ clusterId: c, name, url: connectUrl() });
        if (!created.ok) return created;
        const updated = await updateConnectClusterAction({ clusterId: c, connectId: created.data.id, name, url: connectUrl(), username: "ops", password: "pw" });
        if (!updated.ok) return updated;
        return deleteConnectClusterAction({ clusterId: c, connectId: created.data.id, confirmName: name });
      };
    },
  },
  {
    // The registry's URL and credentials are cluster settings: admin on that cluster, like Connect clusters.
    name: "saveRegistrySettings / testRegistrySettings / removeRegistrySettings",
    need: "admin",
    prepare: async (c) => async () => {
      const values = { clusterId: c, url: registry.url, authKind: "none" as const };
      const tested = await testRegistrySettingsAction(values);
      if (!tested.ok) return tested;
      const saved = await saveRegistrySettingsAction(values);
      if (!saved.ok) return saved;
      return removeRegistrySettingsAction({ clusterId: c, confirmUrl: registry.url });
    },
  },
  {
    name: "registerSchema / setCompatibility / setRegistryMode / deleteSchemaVersion / deleteSubject",
    need: "admin",
    prepare: async (c) => {
      await attachRegistry(c);
      const subject = unique("roles-value");
      return async () => {
        const steps = [
          () => registerSchemaAction({ clusterId: c, subject, schemaType: "AVRO", schema: avroSchema() }),
          () => setCompatibilityAction({ clusterId: c, subject, level: "NONE" }),
          () => setModeAction({ clusterId: c, subject, mode: "READWRITE" }),
          () => deleteVersionAction({ clusterId: c, subject, version: 1, permanent: false, confirmName: subject }),
        ];
        for (const step of steps) {
          const r = await step();
          if (!r.ok) return r;
        }
        return deleteSubjectAction({ clusterId: c, subject, permanent: true, confirmName: subject });
      };
    },
  },
  {
    // Producing with a registry subject's schema is producing: an operator's.
    name: "produceWithSchema",
    need: "operator",
    prepare: async (c) => {
      await attachRegistry(c);
      const topic = await newTopic();
      await libraryClient(registry).register({ type: SchemaType.AVRO, schema: avroSchema() }, { subject: `${topic}-value` });
      return () => produceWithSchemaAction({ clusterId: c, topic, value: JSON.stringify({ id: "x" }), schema: { source: "registry", subject: `${topic}-value`, version: "latest" } });
    },
  },
  {
    // Asking whether a schema would be accepted changes nothing: whoever reads schemas may ask.
    name: "checkCompatibility",
    need: "viewer",
    prepare: async (c) => {
      await attachRegistry(c);
      return () => checkCompatibilityAction({ clusterId: c, subject: unique("roles-check"), schemaType: "AVRO", schema: avroSchema() });
    },
  },
  { name: "createTopic", need: "admin", prepare: async (c) => { const name = unique("roles-new"); return () => createTopicAction({ clusterId: c, name, partitions: 1, replicationFactor: 1, configs: {} }); } },
  { name: "alterTopicConfig", need: "admin", prepare: async (c) => { const topic = await newTopic(); return () => alterTopicConfigAction({ clusterId: c, topic, set: { "retention.ms": "3600000" } }); } },
  { name: "addPartitions", need: "admin", prepare: async (c) => { const topic = await newTopic(); return () => addPartitionsAction({ clusterId: c, topic, partitions: 2 }); } },
  { name: "deleteTopic", need: "admin", prepare: async (c) => { const topic = await newTopic(); return () => deleteTopicAction({ clusterId: c, topic, confirmName: topic }); } },
  { name: "deleteRecords", need: "admin", prepare: async (c) => { const topic = await newTopic(); return () => deleteRecordsAction({ clusterId: c, topic, mode: "all", confirmName: topic }); } },
  {
    name: "applyPlan",
    need: "admin",
    prepare: async (c) => {
      const topology = { nodes: [topicNode(unique("roles-apply"))], edges: [] };
      const d = await prisma.design.create({ data: { name: unique("d"), clusterId: c, topology: JSON.stringify(topology), layout: JSON.stringify({ positions: {} }) } });
      const plan = await computePlan(d.id);
      return () => applyPlanAction({ designId: d.id, clusterId: c, planHash: plan.plan.hash, confirmDeletions: [] });
    },
  },
  { name: "createCluster", need: "admin", everyCluster: true, prepare: async () => () => createClusterAction({ name: unique("c"), readOnly: false, connection: { bootstrapServers: brokers() } }) },
  {
    name: "updateCluster / deleteCluster",
    need: "admin",
    everyCluster: true,
    prepare: async () => {
      const other = await makeCluster();
      return async () => {
        const u = await updateClusterAction({ id: other.id, name: other.name, readOnly: true, connection: { bootstrapServers: brokers() } });
        if (!u.ok) return u;
        return deleteClusterAction({ id: other.id, confirmName: other.name });
      };
    },
  },
  { name: "alterBrokerConfig", need: "admin", prepare: async (c) => async () => alterBrokerConfigAction({ clusterId: c, broker: (await withAdmin((a) => a.describeCluster())).brokers[0].nodeId, set: { "log.cleaner.backoff.ms": "15000" } }) },
  { name: "testConnection", need: "admin", everyCluster: true, prepare: async () => () => testConnectionAction({ connection: { bootstrapServers: brokers() } }) },
  {
    name: "createUser / setGrant / setPassword / setUserDisabled / deleteUser",
    need: "admin",
    everyCluster: true,
    prepare: async (c) => {
      const username = unique("newbie");
      return async () => {
        const u = await createUserAction({ username, displayName: "", password: "a long enough password" });
        if (!u.ok) return u;
        const g = await setGrantAction({ userId: u.data.id, clusterId: c, role: "viewer" });
        if (!g.ok) return g;
        const p = await setPasswordAction({ userId: u.data.id, password: "another long password" });
        if (!p.ok) return p;
        const d = await setUserDisabledAction({ userId: u.data.id, disabled: true });
        if (!d.ok) return d;
        return deleteUserAction({ userId: u.data.id, confirmName: username });
      };
    },
  },
];

describe("every protected action checks the session and the role on the server", () => {
  for (const k of cases) {
    it(`${k.name}: 401 without a session, 403 below ${k.need}, done as ${k.need}`, async () => {
      const c = await (k.cluster ?? makeCluster)();
      const anonymous = await asSession(null, await k.prepare(c.id));
      expect(anonymous).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });

      const below = k.everyCluster ? { clusterId: c.id, role: "admin" as Role } : ROLE_BELOW[k.need] ? { clusterId: c.id, role: ROLE_BELOW[k.need]! } : null;
      if (below) {
        const weak = await userWithRoles([below]);
        const refused = await asSession(weak.token, await k.prepare(c.id));
        expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: expect.stringContaining(k.need) } });
      }
      // A role on another cluster does not count.
      const elsewhere = await userWithRoles([{ clusterId: (await makeCluster()).id, role: "admin" }]);
      expect(await asSession(elsewhere.token, await k.prepare(c.id))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

      const right = await userWithRoles([{ clusterId: k.everyCluster ? null : c.id, role: k.need }]);
      const done = await asSession(right.token, await k.prepare(c.id));
      expect(done).toMatchObject({ ok: true });
    }, 60_000);
  }
});

describe("designs move between clusters only with the role on both", () => {
  it("an editor on B but a viewer on A cannot move a design from A to B", async () => {
    const a = await makeCluster();
    const b = await makeCluster();
    const d = await prisma.design.create({ data: { name: unique("d"), clusterId: a.id, topology: JSON.stringify({ nodes: [], edges: [] }), layout: JSON.stringify({ positions: {} }) } });
    const u = await userWithRoles([{ clusterId: a.id, role: "viewer" }, { clusterId: b.id, role: "editor" }]);
    expect(await asSession(u.token, () => bindDesignAction({ id: d.id, clusterId: b.id }))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await prisma.design.findUniqueOrThrow({ where: { id: d.id } })).clusterId).toBe(a.id);
    const both = await userWithRoles([{ clusterId: a.id, role: "editor" }, { clusterId: b.id, role: "editor" }]);
    expect(await asSession(both.token, () => bindDesignAction({ id: d.id, clusterId: b.id }))).toMatchObject({ ok: true });
  });
});

describe("route handlers read the session cookie", () => {
  it("viewer reads metadata and lag; messages need operator; without a session 401", async () => {
    const c = await makeCluster();
    const topic = await newTopic();
    const viewer = await userWithRoles([{ clusterId: c.id, role: "viewer" }]);
    const operator = await userWithRoles([{ clusterId: c.id, role: "operator" }]);
    const q = encodeURIComponent(JSON.stringify({ topic, start: { kind: "earliest" }, limit: 10 }));
    await attachRegistry(c.id);
    const routes = [
      { h: clusterOverview, url: `/api/clusters/${c.id}/overview`, need: "viewer" },
      { h: listTopicsRoute, url: `/api/clusters/${c.id}/topics`, need: "viewer" },
      { h: listGroupsRoute, url: `/api/clusters/${c.id}/groups`, need: "viewer" },
      { h: connectorsRoute, url: `/api/clusters/${c.id}/connect/connectors`, need: "viewer" },
      // Names and dates only, never values (issue 14).
      { h: connectSecretsRoute, url: `/api/clusters/${c.id}/connect/secrets`, need: "viewer" },
      // Subjects and schemas are metadata.
      { h: registryStatusRoute, url: `/api/clusters/${c.id}/registry`, need: "viewer" },
      { h: registrySubjectsRoute, url: `/api/clusters/${c.id}/registry/subjects`, need: "viewer" },
      { h: topicContractsRoute, url: `/api/clusters/${c.id}/registry/contracts?topic=${topic}`, need: "viewer" },
      { h: scanRoute, url: `/api/clusters/${c.id}/scan?q=${q}`, need: "operator" },
      // Who may do what is for operators and up (on a cluster without an authorizer the list says so).
      { h: listAclsRoute, url: `/api/clusters/${c.id}/acls`, need: "operator" },
      { h: scramUsersRoute, url: `/api/clusters/${c.id}/acls/users`, need: "operator" },
      { h: quotasRoute, url: `/api/clusters/${c.id}/acls/quotas`, need: "operator" },
      { h: principalRoute, url: `/api/clusters/${c.id}/acls/principal?principal=User%3Aroles`, need: "operator" },
    ] as const;
    for (const r of routes) {
      expect((await routeAs(null, r.h, r.url, { id: c.id })).status, r.url).toBe(401);
      const asViewer = await routeAs(viewer.token, r.h, r.url, { id: c.id });
      expect(asViewer.status, r.url).toBe(r.need === "viewer" ? 200 : 403);
      expect((await routeAs(operator.token, r.h, r.url, { id: c.id })).status, r.url).toBe(200);
    }
    // The cluster list shows only the clusters one may read.
    const other = await makeCluster();
    const list = await routeAs(viewer.token, listClustersRoute, "/api/clusters", {});
    expect(list.status).toBe(200);
    expect(list.text).toContain(c.id);
    expect(list.text).not.toContain(other.id);
    expect((await routeAs(null, listClustersRoute, "/api/clusters", {})).status).toBe(401);
    expect((await routeAs(null, metricsRoute, "/api/metrics", {})).status).toBe(401);
  }, 60_000);

  it("a design's conformance reads messages: an operator's on the bound cluster (a viewer sees its drift, not this)", async () => {
    const c = await makeCluster();
    const d = await prisma.design.create({ data: { name: unique("d"), clusterId: c.id, topology: JSON.stringify({ nodes: [topicNode(unique("roles-conformance"))], edges: [] }), layout: JSON.stringify({ positions: {} }) } });
    const url = `/api/designs/${d.id}/conformance`;
    const viewer = await userWithRoles([{ clusterId: c.id, role: "viewer" }]);
    const operator = await userWithRoles([{ clusterId: c.id, role: "operator" }]);
    const elsewhere = await userWithRoles([{ clusterId: (await makeCluster()).id, role: "admin" }]);
    expect((await routeAs(null, designConformanceRoute, url, { id: d.id })).status).toBe(401);
    expect((await routeAs(viewer.token, designConformanceRoute, url, { id: d.id })).status).toBe(403);
    expect((await routeAs(elsewhere.token, designConformanceRoute, url, { id: d.id })).status).toBe(403);
    expect((await routeAs(operator.token, designConformanceRoute, url, { id: d.id })).status).toBe(200);
  });

  it("an expired or disabled session is no session", async () => {
    const c = await makeCluster();
    const u = await userWithRoles([{ clusterId: c.id, role: "viewer" }]);
    await prisma.user.update({ where: { id: u.user.id }, data: { disabled: true } });
    expect((await routeAs(u.token, clusterOverview, `/api/clusters/${c.id}/overview`, { id: c.id })).status).toBe(401);
    const v = await userWithRoles([{ clusterId: c.id, role: "viewer" }]);
    await prisma.session.updateMany({ where: { userId: v.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await routeAs(v.token, clusterOverview, `/api/clusters/${c.id}/overview`, { id: c.id })).status).toBe(401);
    expect((await routeAs("made-up-token", clusterOverview, `/api/clusters/${c.id}/overview`, { id: c.id })).status).toBe(401);
  });
});
