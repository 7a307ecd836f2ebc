import { describe, expect, it } from "vitest";
import { advanceLagState, rejudgeLagState, type LagState } from "./advance-lag-state";
import { summarizeGroup } from "./group-summary";
import type { GroupSnapshot, LagSnapshot } from "./lag-types";
import { partitionKey } from "./lag-window";
import { renderLagMetrics } from "./prometheus";

const S = 15_000;

/** One partition of "orders" read by group "g": [committed, end, logStart]. */
function snap(i: number, committed: number, end: number, logStart = 0, members = 0): LagSnapshot {
  const g: GroupSnapshot = {
    groupId: "g",
    state: members ? "Stable" : "Empty",
    members: Array.from({ length: members }, (_, k) => ({ memberId: `m${k}`, clientId: "app", host: "h", assignments: [] })),
    partitions: [{ topic: "orders", partition: 0, committed, end, lag: Math.max(0, end - committed), logStart }],
  };
  return { clusterId: "c", takenAt: i * S, tookMs: 5, groups: [g], topicEnds: { orders: { 0: end } }, unavailable: [] };
}

function run(samples: [committed: number, end: number, logStart?: number][], options = {}, members = 0): LagState {
  let state: LagState | null = null;
  samples.forEach(([c, e, ls], i) => (state = advanceLagState(state, snap(i, c, e, ls, members), options)));
  return state!;
}

describe("advancing the sampler's state by one snapshot", () => {
  it("judges with the cluster's allowed lag, or the group's own", () => {
    const steady: [number, number][] = Array.from({ length: 5 }, () => [97, 100]);
    expect(run(steady).verdicts.get("g")).toMatchObject({ status: "STOP", burrowStatus: "ERR" });
    const allowed = run(steady, { allowedLag: 5 });
    expect(allowed.verdicts.get("g")).toMatchObject({ status: "OK", burrowStatus: "OK" });
    expect(allowed.verdicts.get("g")!.partitions[0].rule).toBe("lag 3, within the allowed 5");
    expect(run(steady, { allowedLag: 5, allowedLagByGroup: { g: 0 } }).verdicts.get("g")!.status).toBe("STOP");
  });

  it("judges again with new options without a new sample", () => {
    const s = run(Array.from({ length: 5 }, (): [number, number] => [97, 100]));
    const again = rejudgeLagState(s, { allowedLag: 3 });
    expect(again.verdicts.get("g")!.status).toBe("OK");
    expect(again.latest).toBe(s.latest);
    expect(again.options.allowedLag).toBe(3);
  });

  it("a group below the minimum complete is not judged, and says so", () => {
    const s = run([[0, 100], [0, 110], [0, 120]], { minimumComplete: 0.5 });
    expect(s.verdicts.get("g")).toMatchObject({ status: "OK", completeness: { fewest: 3, meetsMinimum: false } });
    expect(summarizeGroup(s.latest.groups[0], s.verdicts.get("g")).completeness).toEqual({ text: "not enough samples yet (3 of 10)", judged: false });
    const full = run(Array.from({ length: 7 }, (_, i): [number, number] => [i * 10, 100 + i * 10]), { minimumComplete: 0.5 });
    expect(summarizeGroup(full.latest.groups[0], full.verdicts.get("g")).completeness).toEqual({ text: "7 of 10 samples", judged: true });
  });

  it("estimates the time lag from the end offsets' history: a steady 10 messages a second, 600 behind is a minute", () => {
    // The end grows 150 per 15 s sample; the consumer stays 600 behind.
    const s = run(Array.from({ length: 9 }, (_, i): [number, number] => [i * 150, i * 150 + 600]), {}, 1);
    const t = s.timeLags.get("g")!;
    expect(t.group).toMatchObject({ seconds: 60, lowerBound: false, text: "about 1 min behind" });
    expect(t.partitions.get(partitionKey("orders", 0))!.basis).toBe("interpolated");
    expect(summarizeGroup(s.latest.groups[0], s.verdicts.get("g"), t.group).timeLag).toEqual({ seconds: 60, lowerBound: false, text: "about 1 min behind" });
  });

  it("a slow consumer that keeps moving is not STALL", () => {
    const s = run(Array.from({ length: 10 }, (_, i): [number, number] => [i * 50, 1000 + i * 60]), {}, 1);
    expect(s.verdicts.get("g")!.status).toBe("WARN");
    expect(s.verdicts.get("g")!.partitions[0].rule).toMatch(/^lag never went down for 2 min 15 s \(grew 1,000 → 1,090\) while the committed offset moved 0 → 450$/);
  });

  it("counts messages lost to retention, in the summary and as a counter in the metrics", () => {
    const s = run([[10, 100, 0], [10, 100, 60], [10, 100, 60]]);
    const summary = summarizeGroup(s.latest.groups[0], s.verdicts.get("g"));
    expect(summary).toMatchObject({ retentionLost: 50, pastEnd: 0 });
    expect(s.retention.totals.get("g")).toBe(50);
    const text = renderLagMetrics([
      {
        cluster: "prod",
        snapshot: s.latest,
        statuses: new Map([["g", s.verdicts.get("g")!.status]]),
        extras: new Map([["g", { burrowStatus: "ERR", timeLagSeconds: 42, partitionTimeLagSeconds: new Map([[partitionKey("orders", 0), 42]]), retentionLostTotal: 50 }]]),
      },
    ]);
    expect(text).toContain('topiary_consumergroup_partition_retention_lost_messages{cluster="prod",group="g",topic="orders",partition="0"} 50');
    expect(text).toContain('topiary_consumergroup_retention_lost_messages_total{cluster="prod",group="g"} 50');
    expect(text).toContain("# TYPE topiary_consumergroup_retention_lost_messages_total counter");
    expect(text).toContain('topiary_consumergroup_burrow_status{cluster="prod",group="g",status="ERR"} 1');
    expect(text).toContain('topiary_consumergroup_burrow_status_code{cluster="prod",group="g"} 3');
    expect(text).toContain('topiary_consumergroup_time_lag_seconds{cluster="prod",group="g"} 42');
    expect(text).toContain('topiary_consumergroup_partition_time_lag_seconds{cluster="prod",group="g",topic="orders",partition="0"} 42');
  });

  it("reports a committed offset past the end with its distance", () => {
    const s = run([[130, 100]]);
    expect(summarizeGroup(s.latest.groups[0], s.verdicts.get("g")).pastEnd).toBe(1);
    const text = renderLagMetrics([{ cluster: "prod", snapshot: s.latest, statuses: new Map() }]);
    expect(text).toContain('topiary_consumergroup_partition_committed_past_end{cluster="prod",group="g",topic="orders",partition="0"} 30');
  });
});
