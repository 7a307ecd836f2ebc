import { describe, expect, it } from "vitest";
import type { DesignNode, Topology } from "@/lib/designs/design-schema";
import { designLive, formatLag, formatRate } from "./design-live";
import { estimateCatchUp } from "./group-summary";
import { advanceWindows, evaluateGroup, type GroupVerdict, type LagWindows } from "./lag-window";
import type { GroupSnapshot, LagSnapshot } from "./lag-types";

type Parts = [topic: string, partition: number, committed: number | null, end: number | null][];

function group(groupId: string, parts: Parts, extra: Partial<GroupSnapshot> = {}): GroupSnapshot {
  return {
    groupId,
    state: "Empty",
    members: [],
    partitions: parts.map(([topic, partition, committed, end]) => ({
      topic,
      partition,
      committed,
      end,
      lag: committed !== null && end !== null ? Math.max(0, end - committed) : null,
    })),
    ...extra,
  };
}

function snap(takenAt: number, groups: GroupSnapshot[], topicEnds: LagSnapshot["topicEnds"]): LagSnapshot {
  return { clusterId: "c", takenAt, tookMs: 5, groups, topicEnds, unavailable: [] };
}

const topic = (id: string, name: string): DesignNode => ({ id, kind: "topic", data: { name, partitions: 2, replicationFactor: 1, configs: {}, description: "", deleteOnApply: false } });
const cg = (id: string, groupId: string): DesignNode => ({ id, kind: "consumerGroup", data: { groupId, appName: "", description: "" } });
const proc = (id: string, groupId: string): DesignNode => ({ id, kind: "processor", data: { appName: "enricher", clientId: "", groupId, description: "" } });
const producer = (id: string): DesignNode => ({ id, kind: "producer", data: { appName: "shop", clientId: "", description: "", examplePayload: "", rate: null } });

// shop → orders → billing; orders → enricher (a processor) → enriched
const topology: Topology = {
  nodes: [producer("p"), topic("t-orders", "orders"), cg("g-billing", "billing"), proc("x-enricher", "enricher"), topic("t-enriched", "enriched")],
  edges: [
    { id: "e1", source: "p", target: "t-orders" },
    { id: "e2", source: "t-orders", target: "g-billing" },
    { id: "e3", source: "t-orders", target: "x-enricher" },
    { id: "e4", source: "x-enricher", target: "t-enriched" },
  ],
};

const verdicts = new Map<string, GroupVerdict>([
  ["billing", { ...evaluateGroup(new Map(), 0), status: "WARN", reason: "WARN on orders[1]: lag never went down across 3 samples (now 40)" }],
  ["enricher", { ...evaluateGroup(new Map(), 0), status: "OK", reason: "" }],
]);

// Ten seconds apart: orders grew by 100 + 50 messages, enriched by 30; billing consumed 80 + 20 of orders.
const previous = snap(
  1_000_000,
  [group("billing", [["orders", 0, 900, 1000], ["orders", 1, 480, 500]]), group("enricher", [["orders", 0, 1000, 1000], ["orders", 1, 500, 500]])],
  { orders: { 0: 1000, 1: 500 }, enriched: { 0: 70 } },
);
const latest = snap(
  1_010_000,
  [group("billing", [["orders", 0, 980, 1100], ["orders", 1, 500, 550]]), group("enricher", [["orders", 0, 1100, 1100], ["orders", 1, 550, 550]])],
  { orders: { 0: 1100, 1: 550 }, enriched: { 0: 100 } },
);

/** The sampler's windows after `previous` and then `now`. */
const windowsAfter = (now: LagSnapshot, before: LagSnapshot | null = previous): LagWindows =>
  advanceWindows(before ? advanceWindows(new Map(), before) : new Map(), now);

describe("designLive", () => {
  const live = designLive(topology, latest, previous, verdicts, windowsAfter(latest));

  it("gives each consumer group and processor its total lag, status and reason", () => {
    expect(live.takenAt).toBe(1_010_000);
    expect(live.nodes["g-billing"]).toEqual({
      kind: "group",
      groupId: "billing",
      lag: 170,
      status: "WARN",
      reason: "WARN on orders[1]: lag never went down across 3 samples (now 40)",
      state: "Empty",
      retentionLost: 0,
    });
    expect(live.nodes["x-enricher"]).toMatchObject({ kind: "group", lag: 0, status: "OK", reason: "" });
    expect(live.nodes.p).toBeUndefined();
  });

  it("gives each topic its incoming rate from end-offset deltas over the time between samples", () => {
    expect(live.nodes["t-orders"]).toEqual({ kind: "topic", name: "orders", rate: 15, reason: "" });
    expect(live.nodes["t-enriched"]).toMatchObject({ rate: 3 });
  });

  it("gives produce edges the topic's rate and consume edges the group's commit rate on that topic", () => {
    expect(live.edges).toEqual({ e1: 15, e2: 10, e3: 15, e4: 3 });
  });

  it("has no rates before there is a previous sample, but does have lag", () => {
    const first = designLive(topology, latest, null, verdicts, windowsAfter(latest, null));
    expect(first.nodes["t-orders"]).toEqual({ kind: "topic", name: "orders", rate: null, reason: "needs a second sample" });
    expect(first.edges).toEqual({ e1: null, e2: null, e3: null, e4: null });
    expect(first.nodes["g-billing"]).toMatchObject({ lag: 170 });
  });

  it("says 'no such group' for a group the cluster does not have, and 'not on the cluster' for a missing topic", () => {
    const t: Topology = {
      nodes: [topic("t", "ghost-topic"), cg("g", "ghost-group")],
      edges: [{ id: "e", source: "t", target: "g" }],
    };
    const r = designLive(t, latest, previous, verdicts, windowsAfter(latest));
    expect(r.nodes.g).toEqual({ kind: "group", groupId: "ghost-group", lag: null, status: null, reason: "no such group", state: null, retentionLost: 0 });
    expect(r.nodes.t).toEqual({ kind: "topic", name: "ghost-topic", rate: null, reason: "not on the cluster" });
    expect(r.edges.e).toBeNull();
  });

  it("a group whose offsets could not be read has unknown lag and says why", () => {
    const broken = snap(1_010_000, [group("billing", [], { error: "The coordinator is not available" })], latest.topicEnds);
    const r = designLive(topology, broken, previous, verdicts, windowsAfter(broken));
    expect(r.nodes["g-billing"]).toMatchObject({ lag: null, reason: "The coordinator is not available" });
    expect(r.edges.e2).toBeNull();
  });

  it("never gives a negative rate: a recreated topic or a rewound group counts as nothing moved", () => {
    const rewound = snap(
      1_010_000,
      [group("billing", [["orders", 0, 0, 10], ["orders", 1, 0, 550]])],
      { orders: { 0: 10, 1: 550 } },
    );
    const r = designLive(topology, rewound, previous, verdicts, windowsAfter(rewound));
    expect(r.nodes["t-orders"]).toMatchObject({ rate: 5 }); // partition 0 went back; partition 1 grew by 50
    expect(r.edges.e2).toBe(0);
  });

  it("ignores partitions only one sample knows, and unread end offsets", () => {
    const grown = snap(1_010_000, [], { orders: { 0: 1100, 1: null, 2: 40 } });
    expect(designLive(topology, grown, previous, verdicts, windowsAfter(grown)).nodes["t-orders"]).toMatchObject({ rate: 10 });
  });

  it("leaves out nodes without a name or group id, and gives their edges null", () => {
    const t: Topology = { nodes: [producer("p"), topic("t", ""), proc("x", "")], edges: [{ id: "a", source: "p", target: "t" }, { id: "b", source: "t", target: "x" }] };
    const r = designLive(t, latest, previous, verdicts, windowsAfter(latest));
    expect(r.nodes).toEqual({});
    expect(r.edges).toEqual({ a: null, b: null });
  });
});

describe("the canvas and the group page agree on the consume rate", () => {
  it("a consume edge shows the group page's rate: the same window, the same computation", () => {
    // Five samples 15 s apart, the group consuming unevenly: the last interval alone would say 2/s.
    const commits = [0, 300, 600, 900, 930];
    let w: LagWindows = new Map();
    let before: LagSnapshot | null = null;
    let now: LagSnapshot | null = null;
    commits.forEach((c, i) => {
      before = now;
      now = snap(i * 15_000, [group("billing", [["orders", 0, c, 1000 + i * 10]])], { orders: { 0: 1000 + i * 10 } });
      w = advanceWindows(w, now);
    });
    const t: Topology = { nodes: [topic("t", "orders"), cg("g", "billing")], edges: [{ id: "e", source: "t", target: "g" }] };
    const edge = designLive(t, now!, before, verdicts, w).edges.e;
    const page = estimateCatchUp(w.get("billing")!.values(), 0).consumeRate;
    expect(page).toBe(15.5);
    expect(edge).toBe(page);
  });

  it("a group's retention loss is in its reason on the canvas", () => {
    const lossy = snap(0, [{ ...group("billing", [["orders", 0, 10, 100]]), partitions: [{ topic: "orders", partition: 0, committed: 10, end: 100, lag: 90, logStart: 60 }] }], {
      orders: { 0: 100 },
    });
    const t: Topology = { nodes: [cg("g", "billing")], edges: [] };
    const r = designLive(t, lossy, null, new Map(), new Map());
    expect(r.nodes.g).toMatchObject({ retentionLost: 50, reason: "50 messages were deleted by retention before this group read them" });
  });
});

describe("formatting", () => {
  it("formats lag and rates for the canvas", () => {
    expect(formatLag(1234)).toBe("1,234");
    expect(formatRate(0)).toBe("0 msg/s");
    expect(formatRate(12.34)).toBe("12.3 msg/s");
    expect(formatRate(1250.4)).toBe("1,250 msg/s");
  });
});
