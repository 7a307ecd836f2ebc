import { describe, expect, it } from "vitest";
import { defaultAccess, type ApplicationAccess } from "../designs/design-identities";
import { defaultNodeData, type DesignNode, type Topology } from "../designs/design-schema";
import { describeChange, type Plan } from "../plan/plan-types";
import { accessDriftByNode, withAccessDrift } from "./access-drift";
import { describeBinding, type AclBinding } from "./acl-model";
import { planAccess, recordAfterApply, withAccessPlan, type LiveAccess, type RecordedAccess } from "./plan-access";

const access = (a: Partial<ApplicationAccess>): ApplicationAccess => ({ ...defaultAccess(), ...a });
const nodes: DesignNode[] = [
  { id: "p", kind: "producer", data: { ...defaultNodeData("producer"), clientId: "orders-1", access: access({ principal: "User:p" }) } },
  { id: "t", kind: "topic", data: { ...defaultNodeData("topic"), name: "orders" } },
];
const design: Topology = { nodes, edges: [{ id: "e", source: "p", target: "t" }] };
const b = (resourceType: AclBinding["resourceType"], resourceName: string, operation: AclBinding["operation"], principal = "User:p"): AclBinding => ({
  resourceType,
  resourceName,
  patternType: "LITERAL",
  principal,
  host: "*",
  operation,
  permission: "ALLOW",
});
const needed = [b("TOPIC", "orders", "WRITE"), b("TOPIC", "orders", "DESCRIBE"), b("CLUSTER", "kafka-cluster", "IDEMPOTENT_WRITE")];
const enforced = (bindings: AclBinding[]): LiveAccess => ({ acls: { state: "enforced", bindings }, quotas: null });
const none: RecordedAccess = { mine: [], others: [], quotas: [] };
const statuses = (live: LiveAccess, rec: RecordedAccess, t = design) => planAccess(t, live, rec).bindings.map((x) => `${x.status} ${describeBinding(x.binding)}${x.removedByHand ? " (removed)" : ""}`);

describe("planning a design's bindings", () => {
  it("creates what is missing; a binding made outside Topiary is present, never recorded as the design's", () => {
    const unmanaged = b("TOPIC", "other", "READ", "User:someone");
    const plan = planAccess(design, enforced([needed[0], unmanaged]), none);
    expect(plan.changes.map((c) => c.kind)).toEqual(["createAcl", "createAcl"]);
    expect(plan.bindings.find((x) => x.binding.operation === "WRITE")?.status).toBe("present");
    expect(plan.unmanaged).toEqual([unmanaged]);
    // After the apply: the two created are the design's, the one present before is not.
    const after = recordAfterApply(plan, none, () => true);
    expect(after.mine.map((x) => x.operation).sort()).toEqual(["DESCRIBE", "IDEMPOTENT_WRITE"]);
  });

  it("re-planning after the apply plans nothing", () => {
    const plan = planAccess(design, enforced(needed), { ...none, mine: needed });
    expect(plan.changes).toEqual([]);
    expect(plan.bindings.every((x) => x.status === "in-sync")).toBe(true);
  });

  it("deletes only what it created for this design and no longer needs; another design's record keeps a binding", () => {
    const gone: Topology = { nodes: [nodes[1]], edges: [] };
    const live = enforced([...needed, b("TOPIC", "x", "READ", "User:hand")]);
    const shared = needed[2];
    const plan = planAccess(gone, live, { mine: needed, others: [{ binding: shared, designName: "Other" }], quotas: [] });
    expect(plan.changes.map(describeChange)).toEqual(['delete ACL: ALLOW User:p WRITE on topic "orders"', 'delete ACL: ALLOW User:p DESCRIBE on topic "orders"']);
    expect(plan.bindings.find((x) => x.binding === shared)).toMatchObject({ status: "kept", otherDesigns: ["Other"] });
    expect(plan.unmanaged.map((x) => x.principal)).toEqual(["User:hand"]);
    expect(plan.otherDesignsCount).toBe(1);
    // Deleted and kept bindings are no longer this design's; a failed deletion stays recorded (tried again).
    expect(recordAfterApply(plan, { ...none, mine: needed }, () => true).mine).toEqual([]);
    expect(recordAfterApply(plan, { ...none, mine: needed }, () => false).mine).toHaveLength(2);
  });

  it("a binding Topiary created and someone removed is planned again and shows as drift on its node", () => {
    const plan = planAccess(design, enforced(needed.slice(1)), { ...none, mine: needed });
    expect(statuses(enforced(needed.slice(1)), { ...none, mine: needed })[0]).toBe('create ALLOW User:p WRITE on topic "orders" (removed)');
    expect(accessDriftByNode(plan).p).toEqual({ status: "access-removed", missing: ['ALLOW User:p WRITE on topic "orders"'], removed: ['ALLOW User:p WRITE on topic "orders"'] });
    const merged = withAccessDrift({ g: { status: "group-exists", details: ["Stable"] } }, plan);
    expect(merged.p.status).toBe("access-removed");
    expect(merged.g.status).toBe("group-exists");
    // Never applied: not applied, nothing removed.
    expect(accessDriftByNode(planAccess(design, enforced([]), none)).p.status).toBe("access-not-applied");
  });

  it("a cluster without an authorizer: said, no binding planned, no drift, the topics' plan unharmed", () => {
    const plan = planAccess(design, { acls: { state: "not-enforced" }, quotas: null }, none);
    expect(plan.changes).toEqual([]);
    expect(plan.note).toMatch(/not enforced.*need 3/);
    expect(accessDriftByNode(plan)).toEqual({});
    const topics: Plan = { topics: [], unmanaged: [], changes: [], deletions: [], blockingErrors: [], hash: "0123456789abcdef" };
    const merged = withAccessPlan(topics, plan);
    expect(merged.changes).toEqual([]);
    expect(merged.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(merged.hash).not.toBe(topics.hash);
  });

  it("the hash changes with what would be done, not with unmanaged bindings", () => {
    const h = (live: LiveAccess) => planAccess(design, live, none).hash;
    expect(h(enforced([]))).toBe(h(enforced([b("TOPIC", "x", "READ", "User:other")])));
    expect(h(enforced([]))).not.toBe(h(enforced([needed[0]])));
  });
});

describe("planning a design's quotas", () => {
  const quota = (q: Partial<NonNullable<ApplicationAccess["quota"]>>): Topology => ({
    ...design,
    nodes: [{ ...nodes[0], data: { ...nodes[0].data, access: access({ principal: "User:p", quota: { subject: "user", producer_byte_rate: null, consumer_byte_rate: null, request_percentage: null, ...q } }) } } as DesignNode, nodes[1]],
  });
  const live = (values: Record<string, number>): LiveAccess => ({ acls: { state: "not-enforced" }, quotas: { entries: [{ entity: [{ type: "user", name: "p" }], values }] } });
  const user = [{ type: "user" as const, name: "p" }];

  it("sets the designed limits, before → after, and records only keys it set", () => {
    const plan = planAccess(quota({ producer_byte_rate: 2048, request_percentage: 50 }), live({ request_percentage: 50, consumer_byte_rate: 10 }), none);
    expect(plan.quotas[0]).toMatchObject({ status: "change", set: { producer_byte_rate: 2048 }, remove: [], after: { request_percentage: 50, consumer_byte_rate: 10, producer_byte_rate: 2048 } });
    expect(plan.changes.map(describeChange)).toEqual(["quota for user p: producer_byte_rate (none) → 2,048 bytes/s"]);
    expect(recordAfterApply(plan, none, () => true).quotas).toEqual([{ entity: user, values: { producer_byte_rate: 2048 } }]);
  });

  it("removes a key only when this design set it", () => {
    const rec: RecordedAccess = { ...none, quotas: [{ entity: user, values: { producer_byte_rate: 2048 } }] };
    const plan = planAccess(quota({ consumer_byte_rate: 99 }), live({ producer_byte_rate: 2048, request_percentage: 50 }), rec);
    expect(plan.quotas[0]).toMatchObject({ set: { consumer_byte_rate: 99 }, remove: ["producer_byte_rate"], after: { request_percentage: 50, consumer_byte_rate: 99 } });
    // The whole quota gone from the design: only its own key is removed.
    const gone = planAccess(design, live({ producer_byte_rate: 2048, request_percentage: 50 }), rec);
    expect(gone.quotas[0]).toMatchObject({ remove: ["producer_byte_rate"], after: { request_percentage: 50 } });
    expect(recordAfterApply(gone, rec, () => true).quotas).toEqual([]);
    expect(recordAfterApply(gone, rec, () => false).quotas).toEqual(rec.quotas);
  });

  it("in sync: nothing to do", () => {
    expect(planAccess(quota({ producer_byte_rate: 7 }), live({ producer_byte_rate: 7 }), none).changes).toEqual([]);
  });
});
