import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { shopDesign } from "./design-fixture";
import type { FlowNode } from "./design-flow";
import { generateTopology } from "@/lib/designs/generate-design";
import { createDesignerStore, EDIT_COALESCE_MS, HISTORY_LIMIT, LAYOUT_SLICE } from "./designer-store";

const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);
const topicName = (s: { nodes: FlowNode[] }, id = "t1") => {
  const n = s.nodes.find((x) => x.id === id);
  return n?.type === "topic" ? n.data.name : undefined;
};

let store: ReturnType<typeof createDesignerStore>;
const s = () => store.getState();

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2025-01-01T12:00:00Z") });
  store = createDesignerStore(shopDesign());
});
afterEach(() => vi.useRealTimers());

describe("undo and redo", () => {
  it("undo takes back an added node and redo puts it back", () => {
    const id = s().addNode("topic", { x: 5, y: 5 });
    expect(ids(s().nodes)).toEqual(["p1", "t1", "g1", id]);
    s().undo();
    expect(ids(s().nodes)).toEqual(["p1", "t1", "g1"]);
    expect(s().future).toHaveLength(1);
    s().redo();
    expect(ids(s().nodes)).toEqual(["p1", "t1", "g1", id]);
    expect(s().future).toHaveLength(0);
  });

  it("do nothing, not even bump the revision, with no history", () => {
    s().undo();
    s().redo();
    expect(s().topologyRev).toBe(0);
    expect(ids(s().nodes)).toEqual(["p1", "t1", "g1"]);
  });

  it("a new change after an undo drops what could be redone", () => {
    s().addNode("topic", { x: 0, y: 0 });
    s().undo();
    s().addNode("producer", { x: 0, y: 0 });
    expect(s().future).toEqual([]);
    s().redo();
    expect(s().nodes.map((n) => n.type)).toEqual(["producer", "topic", "consumerGroup", "producer"]);
  });

  it("undoing a delete brings back the node and its edges", () => {
    s().selectOnly("t1");
    s().deleteSelected();
    expect(ids(s().nodes)).toEqual(["p1", "g1"]);
    expect(s().edges).toEqual([]);
    s().undo();
    expect(ids(s().nodes)).toEqual(["p1", "t1", "g1"]);
    expect(ids(s().edges)).toEqual(["e1", "e2"]);
  });

  it("does not bring back a selection", () => {
    s().selectOnly("g1");
    s().addNode("topic", { x: 0, y: 0 });
    s().undo();
    expect(s().nodes.some((n) => n.selected)).toBe(false);
  });

  it("keeps at most HISTORY_LIMIT steps", () => {
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) s().addNode("topic", { x: i, y: 0 });
    expect(s().past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) s().undo();
    expect(s().nodes).toHaveLength(3 + 5);
  });

  it("every undo and redo is a topology change for autosave", () => {
    s().addNode("topic", { x: 0, y: 0 });
    const rev = s().topologyRev;
    s().undo();
    s().redo();
    expect(s().topologyRev).toBe(rev + 2);
  });

  it("a drag is one step, recorded as it starts; moving changes the layout, not the topology", () => {
    s().beginDrag();
    for (const x of [10, 20, 30]) s().onNodesChange([{ type: "position", id: "p1", position: { x, y: 0 } }]);
    expect(s().nodes[0].position).toEqual({ x: 30, y: 0 });
    expect(s().layoutRev).toBe(3);
    expect(s().topologyRev).toBe(0);
    s().undo();
    expect(s().nodes[0].position).toEqual({ x: 0, y: 0 });
    expect(s().past).toHaveLength(0);
  });

  it("removing a node through React Flow drops its edges; beforeDelete made it one undo step", () => {
    s().beforeDelete();
    s().onNodesChange([{ type: "remove", id: "t1" }]);
    expect(ids(s().nodes)).toEqual(["p1", "g1"]);
    expect(s().edges).toEqual([]);
    expect(s().topologyRev).toBe(1);
    s().undo();
    expect(ids(s().edges)).toEqual(["e1", "e2"]);
  });

  it("reloading the newest version clears the history", () => {
    s().addNode("topic", { x: 0, y: 0 });
    s().undo();
    s().replaceWith({ ...shopDesign(), version: 9 });
    expect(s().past).toEqual([]);
    expect(s().future).toEqual([]);
    expect(s().version).toBe(9);
    expect(s().save).toEqual({ state: "saved" });
  });
});

describe("copy and paste", () => {
  it("pasting an empty clipboard changes nothing and records no step", () => {
    s().paste();
    s().selectOnly("nope");
    s().copySelection();
    s().paste();
    expect(s().nodes).toHaveLength(3);
    expect(s().past).toHaveLength(0);
  });

  it("pastes selected copies with the originals deselected, as one undo step", () => {
    s().selectOnly("t1");
    s().copySelection();
    s().paste();
    const copy = s().nodes[3];
    expect(copy.id).toMatch(/^topic-/);
    expect(topicName(s(), copy.id)).toBe("orders-copy");
    expect(copy.position).toEqual({ x: 340, y: 40 });
    expect(s().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual([copy.id]);
    expect(s().topologyRev).toBe(1);
    s().undo();
    expect(ids(s().nodes)).toEqual(["p1", "t1", "g1"]);
  });

  it("copies the edges inside the selection, wired to the copies", () => {
    s().selectAll();
    s().copySelection();
    s().paste();
    const copies = s().nodes.slice(3);
    const copiedEdges = s().edges.slice(2);
    expect(copiedEdges.map((e) => [e.source, e.target])).toEqual([
      [copies[0].id, copies[1].id],
      [copies[1].id, copies[2].id],
    ]);
  });

  it("pasting twice steps the copies further, and copying takes later edits", () => {
    s().selectOnly("p1");
    s().copySelection();
    s().paste();
    s().paste();
    expect(s().nodes.slice(3).map((n) => n.position)).toEqual([
      { x: 40, y: 40 },
      { x: 80, y: 80 },
    ]);
    s().updateNodeData("t1", { name: "payments" });
    s().selectOnly("t1");
    s().copySelection();
    s().paste();
    expect(topicName(s(), s().nodes[5].id)).toBe("payments-copy");
  });
});

describe("editing fields", () => {
  const type = (id: string, field: "name" | "description", ...values: string[]) => {
    for (const v of values) {
      s().updateNodeData(id, { [field]: v });
      vi.advanceTimersByTime(200);
    }
  };

  it("typing into one field is one undo step, not one per keystroke", () => {
    type("t1", "name", "o", "or", "ord");
    expect(s().past).toHaveLength(1);
    expect(s().topologyRev).toBe(3);
    s().undo();
    expect(topicName(s())).toBe("orders");
  });

  it("another field, or another node, starts a new step", () => {
    type("t1", "name", "a", "ab");
    type("t1", "description", "x");
    type("g1", "description", "y");
    expect(s().past).toHaveLength(3);
    s().undo();
    s().undo();
    expect(topicName(s())).toBe("ab");
  });

  it("a pause longer than the coalescing window starts a new step", () => {
    type("t1", "name", "a");
    vi.advanceTimersByTime(EDIT_COALESCE_MS + 1);
    type("t1", "name", "ab");
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(topicName(s())).toBe("a");
  });

  it("a slow typist still gets one step while each key follows the last within the window", () => {
    for (const v of ["a", "ab", "abc", "abcd"]) {
      s().updateNodeData("t1", { name: v });
      vi.advanceTimersByTime(EDIT_COALESCE_MS - 100);
    }
    expect(s().past).toHaveLength(1);
  });

  it("an undo, or any other step, ends the run of edits", () => {
    type("t1", "name", "a", "ab");
    s().undo();
    type("t1", "name", "x");
    expect(s().past).toHaveLength(1);
    s().addNode("producer", { x: 0, y: 0 });
    type("t1", "name", "xy");
    expect(s().past).toHaveLength(3);
  });
});

describe("auto layout", () => {
  it("runs off the store (the engine is a worker in the browser), then moves the nodes in one undo step", async () => {
    let finish: (p: Record<string, { x: number; y: number }>) => void = () => {};
    const engine = vi.fn(() => new Promise<Record<string, { x: number; y: number }>>((r) => (finish = r)));
    store = createDesignerStore(shopDesign(), { layoutEngine: engine });
    const before = s().nodes.map((n) => n.position);
    const done = s().layout();
    expect(s().layingOut).toBe(true);
    expect(engine).toHaveBeenCalledWith(expect.objectContaining({ nodes: expect.any(Array), edges: expect.any(Array) }));
    // A second request while one runs is not queued.
    void s().layout();
    expect(engine).toHaveBeenCalledTimes(1);
    // A node added meanwhile stays where it was put.
    const added = s().addNode("topic", { x: 7, y: 7 });
    finish({ p1: { x: 1, y: 2 }, t1: { x: 3, y: 4 }, g1: { x: 5, y: 6 } });
    await done;
    expect(s().layingOut).toBe(false);
    expect(s().nodes.map((n) => [n.id, n.position])).toEqual([
      ["p1", { x: 1, y: 2 }],
      ["t1", { x: 3, y: 4 }],
      ["g1", { x: 5, y: 6 }],
      [added, { x: 7, y: 7 }],
    ]);
    s().undo();
    expect(s().nodes.slice(0, 3).map((n) => n.position)).toEqual(before);
  });

  it("puts a big design's new positions on the canvas a slice a frame, as one undo step", async () => {
    const topology = generateTopology({ nodes: 2 * LAYOUT_SLICE + 100, edges: 2 * LAYOUT_SLICE + 200, seed: 2 });
    const positions = Object.fromEntries(topology.nodes.map((n, i) => [n.id, { x: i, y: -i }]));
    const seen: number[] = [];
    const moved = () => s().nodes.filter((n) => n.position.y === -n.position.x && n.position.x === positions[n.id].x).length;
    store = createDesignerStore(
      { ...shopDesign(), topology, layout: { positions: {} } },
      { layoutEngine: async () => positions, nextFrame: async () => void seen.push(moved()) },
    );
    await s().layout();
    // Before each wait for a frame, one more slice has moved.
    expect(seen).toEqual([LAYOUT_SLICE, 2 * LAYOUT_SLICE]);
    expect(moved()).toBe(topology.nodes.length);
    expect(s().layoutRev).toBe(1);
    s().undo();
    expect(moved()).toBeLessThan(2);
  });

  it("keeps the positions and says why when the layout fails", async () => {
    store = createDesignerStore(shopDesign(), { layoutEngine: () => Promise.reject(new Error("worker gone")) });
    const before = s().nodes;
    await s().layout();
    expect(s()).toMatchObject({ layingOut: false, layoutError: "worker gone" });
    expect(s().nodes).toBe(before);
  });
});
