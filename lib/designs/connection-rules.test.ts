import { describe, expect, it } from "vitest";
import { connectionError, edgeKind, newEdgeError } from "./connection-rules";

describe("connection rules", () => {
  it.each([
    ["producer", "topic", "produces"],
    ["processor", "topic", "produces"],
    ["topic", "consumerGroup", "consumes"],
    ["topic", "processor", "consumes"],
  ] as const)("%s → %s is %s", (s, t, kind) => {
    expect(edgeKind(s, t)).toBe(kind);
    expect(connectionError(s, t)).toBeNull();
  });

  it.each([
    ["producer", "producer", "writes to topics"],
    ["topic", "topic", "processor between"],
    ["consumerGroup", "topic", "only reads"],
    ["consumerGroup", "consumerGroup", "only reads"],
    ["producer", "consumerGroup", "connect it to a topic"],
    ["processor", "processor", "connect it to a topic"],
    ["topic", "producer", "only writes"],
  ] as const)("%s → %s is refused (%s)", (s, t, reason) => {
    expect(connectionError(s, t)).toContain(reason);
  });

  it("refuses self-loops and duplicates", () => {
    const p = { id: "p", kind: "producer" as const };
    const t = { id: "t", kind: "topic" as const };
    expect(newEdgeError(t, t, [])).toMatch(/itself/);
    expect(newEdgeError(p, t, [{ source: "p", target: "t" }])).toMatch(/already connected/);
    expect(newEdgeError(p, t, [])).toBeNull();
    expect(newEdgeError(undefined, t, [])).toMatch(/two nodes/);
  });
});
