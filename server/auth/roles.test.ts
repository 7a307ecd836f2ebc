// Every protected action and route, called directly (not through the UI): without a session → 401, with too weak
// a role → 403, with the right role → done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as clusterOverview } from "@/app/api/clusters/[id]/overview/route";
import { GET as listTopicsRoute } from "@/app/api/clusters/[id]/topics/route";
import { GET as listGroupsRoute } from "@/app/api/clusters/[id]/groups/route";
import { GET as scanRoute } from "@/app/api/clusters/[id]/scan/route";
import { GET as listClustersRoute } from "@/app/api/clusters/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import type { Role } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/errors/action-result";
import { createAlertRuleAction } from "@/server/actions/alert-actions";
import { createClusterAction, deleteClusterAction, testConnectionAction, updateClusterAction } from "@/server/actions/cluster-actions";
import { bindDesignAction, createDesignAction, deleteDesignAction, renameDesignAction, saveTopologyAction } from "@/server/actions/design-actions";
import { produceMessageAction } from "@/server/actions/message-actions";
import { previewOffsetResetAction, resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import { applyPlanAction } from "@/server/actions/plan-actions";
import { addPartitionsAction, alterTopicConfigAction, createTopicAction, deleteTopicAction } from "@/server/actions/topic-actions";
import { createUserAction, setGrantAction, setPasswordAction, setUserDisabledAction } from "@/server/actions/user-actions";
import { prisma } from "@/server/db/prisma";
import { computePlan } from "@/server/plan/compute-plan";
import { asSession, routeAs, userWithRoles, withSignInOn } from "@/server/test-support/auth";
import { topicNode } from "@/server/test-support/designs";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";

let restore: () => void;
beforeAll(() => {
  restore = withSignInOn();
});
afterAll(() => restore());

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
}

const cases: Case[] = [
  { name: "produceMessage", need: "operator", prepare: async (c) => { const topic = await newTopic(); return () => produceMessageAction({ clusterId: c, topic, key: "k", value: "v", format: "text", headers: [], partition: null }); } },
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
  { name: "createAlertRule", need: "editor", prepare: async (c) => () => createAlertRuleAction({ clusterId: c, name: unique("rule"), kind: "lag", lagAbove: 10, forMinutes: 0 }) },
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
  { name: "createTopic", need: "admin", prepare: async (c) => { const name = unique("roles-new"); return () => createTopicAction({ clusterId: c, name, partitions: 1, replicationFactor: 1, configs: {} }); } },
  { name: "alterTopicConfig", need: "admin", prepare: async (c) => { const topic = await newTopic(); return () => alterTopicConfigAction({ clusterId: c, topic, set: { "retention.ms": "3600000" } }); } },
  { name: "addPartitions", need: "admin", prepare: async (c) => { const topic = await newTopic(); return () => addPartitionsAction({ clusterId: c, topic, partitions: 2 }); } },
  { name: "deleteTopic", need: "admin", prepare: async (c) => { const topic = await newTopic(); return () => deleteTopicAction({ clusterId: c, topic, confirmName: topic }); } },
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
  { name: "testConnection", need: "admin", everyCluster: true, prepare: async () => () => testConnectionAction({ connection: { bootstrapServers: brokers() } }) },
  {
    name: "createUser / setGrant / setPassword / setUserDisabled",
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
        return setUserDisabledAction({ userId: u.data.id, disabled: true });
      };
    },
  },
];

describe("every protected action checks the session and the role on the server", () => {
  for (const k of cases) {
    it(`${k.name}: 401 without a session, 403 below ${k.need}, done as ${k.need}`, async () => {
      const c = await makeCluster();
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
    const routes = [
      { h: clusterOverview, url: `/api/clusters/${c.id}/overview`, need: "viewer" },
      { h: listTopicsRoute, url: `/api/clusters/${c.id}/topics`, need: "viewer" },
      { h: listGroupsRoute, url: `/api/clusters/${c.id}/groups`, need: "viewer" },
      { h: scanRoute, url: `/api/clusters/${c.id}/scan?q=${q}`, need: "operator" },
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
