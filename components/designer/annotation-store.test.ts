import { describe, expect, it } from "vitest";
import type { Problem } from "@/lib/designs/validate-design";
import type { DesignLive } from "@/lib/groups/design-live";
import { createAnnotationStore } from "./annotation-store";

const problem = (nodeId: string, message: string, severity: Problem["severity"] = "error"): Problem => ({ nodeId, message, severity }) as Problem;

describe("annotation store", () => {
  it("groups problems by node, keeping a node's old list when its problems did not change", () => {
    const store = createAnnotationStore();
    store.getState().setProblems([problem("a", "x"), problem("a", "y", "warning"), problem("b", "z")]);
    const first = store.getState().problemsByNode;
    expect(first.get("a")?.map((p) => p.message)).toEqual(["x", "y"]);
    store.getState().setProblems([problem("a", "x"), problem("a", "y", "warning"), problem("b", "z2")]);
    const second = store.getState().problemsByNode;
    expect(second.get("a")).toBe(first.get("a"));
    expect(second.get("b")).not.toBe(first.get("b"));
    store.getState().setProblems([]);
    expect(store.getState().problemsByNode.size).toBe(0);
  });

  it("keeps a node's old live figures when they did not change", () => {
    const store = createAnnotationStore();
    const live = (lag: number) => ({ nodes: { t: { kind: "topic", rate: 1 }, g: { kind: "group", lag } }, edges: {} }) as unknown as DesignLive;
    store.getState().setLive(live(5), null);
    const before = store.getState().live!.nodes;
    store.getState().setLive(live(6), null);
    const after = store.getState().live!.nodes;
    expect(after.t).toBe(before.t);
    expect(after.g).not.toBe(before.g);
    store.getState().setLive(null, "cannot reach the cluster");
    expect(store.getState()).toMatchObject({ live: null, liveError: "cannot reach the cluster" });
  });
});
