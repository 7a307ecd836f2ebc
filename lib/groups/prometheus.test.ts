import { describe, expect, it } from "vitest";
import { escapeLabel, renderLagMetrics } from "./prometheus";

describe("renderLagMetrics", () => {
  const snapshot = {
    clusterId: "c1",
    takenAt: 1_700_000_000_000,
    tookMs: 250,
    groups: [
      {
        groupId: 'odd "group"\\x',
        state: "Stable",
        members: [{ memberId: "m", clientId: "c", host: "h", assignments: [] }],
        partitions: [
          { topic: "orders", partition: 0, committed: 10, end: 15, lag: 5 },
          { topic: "orders", partition: 1, committed: 3, end: 10, lag: 7 },
          { topic: "orders", partition: 2, committed: null, end: null, lag: null, leaderUnavailable: true },
        ],
      },
    ],
    topicEnds: { orders: { 0: 15, 1: 10, 2: null } },
    unavailable: [{ topic: "orders", partition: 2 }],
  };

  it("writes per-partition, per-topic and per-group lag with statuses, in the text format", () => {
    const text = renderLagMetrics([{ cluster: "prod", snapshot, statuses: new Map([['odd "group"\\x', "STALL"]]) }]);
    const g = 'group="odd \\"group\\"\\\\x"';
    expect(text).toContain(`topiary_consumergroup_partition_lag{cluster="prod",${g},topic="orders",partition="1"} 7`);
    expect(text).toContain(`topiary_consumergroup_topic_lag{cluster="prod",${g},topic="orders"} 12`);
    expect(text).toContain(`topiary_consumergroup_lag{cluster="prod",${g}} 12`);
    expect(text).toContain(`topiary_consumergroup_status{cluster="prod",${g},status="STALL"} 1`);
    expect(text).toContain(`topiary_consumergroup_status{cluster="prod",${g},status="OK"} 0`);
    expect(text).toContain(`topiary_consumergroup_status_code{cluster="prod",${g}} 3`);
    expect(text).toContain(`topiary_partition_leader_unavailable{cluster="prod",topic="orders",partition="2"} 1`);
    expect(text).toContain("# TYPE topiary_consumergroup_partition_lag gauge");
    expect(text).not.toContain('partition="2"} null');
    // Every sample line is `name{labels} number`.
    for (const line of text.trim().split("\n").filter((l) => !l.startsWith("#"))) expect(line).toMatch(/^[a-z_]+\{.*\} -?[0-9.e+]+$/);
  });

  it("escapes label values", () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
});
