import { describe, expect, it } from "vitest";
import { defaultNodeData, type Topology } from "../designs/design-schema";
import { withContractDrift } from "./contract-drift";
import { desiredSubjects, planContracts, withContractPlan } from "./contract-plan";
import type { LiveSubject } from "./contract-plan-types";
import type { Plan } from "./plan-types";

const v1 = JSON.stringify({ type: "record", name: "Order", fields: [{ name: "id", type: "string" }] });
const v2 = JSON.stringify({ type: "record", name: "Order", fields: [{ name: "id", type: "string" }, { name: "email", type: "string" }] });

function topology(nodes: { id: string; name: string; text?: string; deleteOnApply?: boolean }[], subjectNaming?: Topology["subjectNaming"]): Topology {
  return {
    nodes: nodes.map((n) => ({ id: n.id, kind: "topic" as const, data: { ...defaultNodeData("topic"), name: n.name, deleteOnApply: !!n.deleteOnApply, ...(n.text ? { contract: { value: { format: "avro" as const, text: n.text } } } : {}) } })),
    edges: [],
    ...(subjectNaming ? { subjectNaming } : {}),
  };
}

const live = (subject: string, l: Partial<LiveSubject>): [string, LiveSubject] => [subject, { subject, latest: null, registeredAs: null, check: null, error: null, ...l }];
const latest = (version: number, schema = v1) => ({ version, id: version, schemaType: "AVRO" as const, schema });
const basePlan: Plan = { topics: [], unmanaged: [], changes: [{ kind: "createTopic", topic: "a", partitions: 1, replicationFactor: 1, configs: {} }], deletions: [], blockingErrors: [], hash: "0000000000000000" };

describe("planContracts", () => {
  const t = topology([
    { id: "a", name: "a", text: v2 },
    { id: "b", name: "b", text: v1 },
    { id: "c", name: "c", text: v2 },
    { id: "d", name: "d", text: v1 },
    { id: "e", name: "e", text: v2 },
    { id: "gone", name: "gone", text: v1, deleteOnApply: true },
    { id: "plain", name: "plain" },
  ]);
  const desired = desiredSubjects(t, new Map());
  const part = planContracts({
    strategy: "TopicNameStrategy",
    registry: "configured",
    desired,
    live: new Map([
      live("a-value", {}),
      live("b-value", { latest: latest(3), registeredAs: 3 }),
      live("c-value", { latest: latest(1), check: { level: "BACKWARD", compatible: true, messages: [] } }),
      live("d-value", { latest: latest(4, v2), registeredAs: 2 }),
      live("e-value", {
        latest: latest(1),
        check: { level: "FULL", compatible: false, messages: ["{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'email' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'email'}"] },
      }),
    ]),
  });

  it("names the subjects of topics with a contract, leaving out topics marked for deletion", () => {
    expect(desired.map((d) => d.subject)).toEqual(["a-value", "b-value", "c-value", "d-value", "e-value"]);
  });

  it("creates a new subject, keeps one whose latest version is the contract, registers a compatible new version", () => {
    expect(part.subjects.map((s) => [s.subject, s.status])).toEqual([
      ["a-value", "create"],
      ["b-value", "in-sync"],
      ["c-value", "update"],
      ["d-value", "older-version"],
      ["e-value", "refused"],
    ]);
    expect(part.changes).toEqual([
      { kind: "registerSchema", nodeId: "a", topic: "a", part: "value", subject: "a-value", schemaType: "AVRO", fromVersion: null },
      { kind: "registerSchema", nodeId: "c", topic: "c", part: "value", subject: "c-value", schemaType: "AVRO", fromVersion: 1 },
    ]);
    expect(part.subjects[2]).toMatchObject({ before: v1, after: v2, level: "BACKWARD" });
    expect(part.subjects[3].warnings[0]).toMatch(/version 2 of d-value; the latest is version 4/);
  });

  it("refuses an incompatible change naming the field, and the refusal blocks the whole plan", () => {
    expect(part.subjects[4].refusals).toEqual([expect.stringMatching(/level FULL rejects it against version 1: field "email": The field 'email'/)]);
    const plan = withContractPlan(basePlan, part);
    expect(plan.blockingErrors).toEqual([expect.stringMatching(/^contract of topic "e" \(e-value\): The subject's compatibility level FULL/)]);
    expect(plan.changes.map((c) => c.kind)).toEqual(["createTopic", "registerSchema", "registerSchema"]);
    expect(plan.hash).not.toBe(basePlan.hash);
  });

  it("refuses two topics registering different schemas under one record subject, and registers equal ones once", () => {
    const same = topology(
      [
        { id: "x", name: "x", text: v1 },
        { id: "y", name: "y", text: v1 },
        { id: "z", name: "z", text: v2 },
      ],
      "RecordNameStrategy",
    );
    const p = planContracts({ strategy: "RecordNameStrategy", registry: "configured", desired: desiredSubjects(same, new Map()), live: new Map([live("Order", {})]) });
    expect(p.subjects.map((s) => s.status)).toEqual(["create", "create", "refused"]);
    expect(p.changes).toHaveLength(1);
    expect(p.subjects[2].refusals[0]).toMatch(/Topic "x" \(value\) registers another schema under the same subject "Order"/);
  });

  it("plans nothing on a cluster without a registry, and says so once", () => {
    const none = planContracts({ strategy: "TopicNameStrategy", registry: "none", desired, live: new Map() });
    expect(none).toMatchObject({ registry: "none", subjects: [], changes: [] });
    expect(withContractPlan(basePlan, none).blockingErrors).toEqual([]);
  });

  it("shows a subject that differs on its topic node, turning an in-sync topic into a drifted one", () => {
    const plan = withContractPlan(basePlan, part);
    const nodes = withContractDrift(
      { b: { status: "in-sync", details: [] }, c: { status: "in-sync", details: [] }, a: { status: "not-created", details: [] } },
      plan,
    );
    expect(nodes.b).toMatchObject({ status: "in-sync", contract: { subjects: [{ state: "in-sync", latestVersion: 3 }] } });
    expect(nodes.c).toMatchObject({ status: "drifted", details: [expect.stringContaining("c-value: the latest version (1) differs")] });
    expect(nodes.a).toMatchObject({ status: "not-created", contract: { subjects: [{ state: "not-registered" }] } });
  });

  it("refuses a subject the registry did not answer about, without calling the topic drifted", () => {
    const down = planContracts({ strategy: "TopicNameStrategy", registry: "configured", desired: desiredSubjects(t, new Map()).slice(0, 1), live: new Map([live("a-value", { error: "Schema Registry: connection refused" })]) });
    expect(down.subjects[0]).toMatchObject({ status: "refused", unreadable: true, refusals: ["Schema Registry: connection refused"] });
    const nodes = withContractDrift({ a: { status: "in-sync", details: [] } }, withContractPlan(basePlan, down));
    expect(nodes.a).toMatchObject({ status: "in-sync", contract: { subjects: [{ state: "unknown" }] } });
  });
});
