import { describe, expect, it } from "vitest";
import type { GroupSummary } from "./group-summary";
import { queryGroups } from "./query-groups";

const g = (groupId: string, totalLag: number, status: GroupSummary["status"], topics = ["orders"]): GroupSummary => ({
  groupId,
  state: "Stable",
  members: 1,
  topics,
  totalLag,
  maxLag: totalLag,
  maxLagAt: null,
  status,
  burrowStatus: status === "OK" ? "OK" : status === "WARN" ? "WARN" : "ERR",
  reason: "",
  completeness: { text: "10 of 10 samples", judged: true },
  timeLag: { seconds: totalLag, lowerBound: false, text: "" },
  retentionLost: 0,
  pastEnd: 0,
  unavailable: 0,
});
const base = { q: "", statuses: [], sort: "groupId" as const, desc: false, page: 0, pageSize: 2 };

describe("queryGroups", () => {
  const all = [g("billing", 5, "OK"), g("audit", 900, "STOP", ["payments"]), g("search", 40, "WARN"), g("mail", 0, "OK")];

  it("sorts, pages and counts statuses over the whole list", () => {
    const p = queryGroups(all, base);
    expect(p.groups.map((x) => x.groupId)).toEqual(["audit", "billing"]);
    expect(p).toMatchObject({ total: 4, matched: 4, totalLag: 945 });
    expect(p.statusCounts).toMatchObject({ OK: 2, STOP: 1, WARN: 1, STALL: 0 });
    expect(queryGroups(all, { ...base, page: 1 }).groups.map((x) => x.groupId)).toEqual(["mail", "search"]);
  });

  it("searches group ids and topics, filters by status, sorts by lag or status", () => {
    expect(queryGroups(all, { ...base, q: "PAY" }).groups.map((x) => x.groupId)).toEqual(["audit"]);
    expect(queryGroups(all, { ...base, statuses: ["WARN", "STOP"], pageSize: 10 }).groups.map((x) => x.groupId)).toEqual(["audit", "search"]);
    expect(queryGroups(all, { ...base, sort: "totalLag", desc: true, pageSize: 10 }).groups[0].groupId).toBe("audit");
    expect(queryGroups(all, { ...base, sort: "status", desc: true, pageSize: 10 }).groups.map((x) => x.status)).toEqual(["STOP", "WARN", "OK", "OK"]);
  });
});
