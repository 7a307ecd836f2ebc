// The series of a round with many new groups at once (a console first sampling a cluster of 20,000 groups): every
// row gets its series id, in the store of this run (SQLite or PostgreSQL), whose bound-value limits a single
// `in (…)` list of all the groups would exceed (seen in bench:lag at 20,000 groups).
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db/prisma";
import { makeCluster } from "@/server/test-support/fixtures";
import { ensureSeries, forgetSeries } from "./lag-points";

describe("ensureSeries", () => {
  it("creates and finds the series of 2,500 new groups on two topics in one round", async () => {
    const cluster = await makeCluster({ bootstrap: "127.0.0.1:1" });
    const rows = Array.from({ length: 2500 }, (_, i) => [
      { groupId: `g-${i}`, topic: "orders" },
      { groupId: `g-${i}`, topic: "payments" },
    ]).flat();
    const ids = await ensureSeries(cluster.id, rows);
    expect(rows.every((r) => ids.has(`${r.groupId}\u0000${r.topic}`))).toBe(true);
    expect(new Set(rows.map((r) => ids.get(`${r.groupId}\u0000${r.topic}`))).size).toBe(5000);
    expect(await prisma.lagSeries.count({ where: { clusterId: cluster.id } })).toBe(5000);

    // Read back from the store by a process that has no cache: the same ids.
    forgetSeries(cluster.id);
    const again = await ensureSeries(cluster.id, rows);
    expect(rows.every((r) => again.get(`${r.groupId}\u0000${r.topic}`) === ids.get(`${r.groupId}\u0000${r.topic}`))).toBe(true);
  });
});
