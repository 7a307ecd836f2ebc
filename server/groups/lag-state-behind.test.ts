// The leader's state is written behind its rounds, against the real broker and store: the newest state at a time,
// never an older one after a newer, and a failed sample recorded after a round keeps its error on the row.
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db/prisma";
import { makeCluster } from "@/server/test-support/fixtures";
import { lagState, sampleCluster } from "./lag-sampler";
import { stateWritten } from "./lag-state-writer";
import { loadStoredState } from "./lag-state-store";

describe("the leader's state, written behind its rounds", () => {
  it("holds the newest round after rounds in quick succession, and the same state as the leader's", async () => {
    const c = await makeCluster();
    const rounds = [];
    for (let i = 0; i < 3; i++) rounds.push((await sampleCluster(c)).latest.takenAt);
    const w = await stateWritten(c.id);
    expect(w).toMatchObject({ written: true, takenAt: rounds[2] });
    const row = await prisma.lagSamplerState.findUniqueOrThrow({ where: { clusterId: c.id } });
    expect(row.takenAt.getTime()).toBe(rounds[2]);
    const stored = await loadStoredState(c.id, 60_000);
    expect(stored?.latest.takenAt).toBe(lagState(c.id)?.latest.takenAt);
    expect(stored?.verdicts).toEqual(lagState(c.id)?.verdicts);
  });

  it("records a failed sample after the state of the round before it, so that the error stays on the row", async () => {
    const c = await makeCluster();
    const good = await sampleCluster(c);
    // At once, while that round's state may still be being written: the brokers do not answer.
    await expect(sampleCluster({ ...c, bootstrapServers: "127.0.0.1:1" })).rejects.toThrow();
    expect(await stateWritten(c.id)).toMatchObject({ written: true, takenAt: good.latest.takenAt });
    const row = await prisma.lagSamplerState.findUniqueOrThrow({ where: { clusterId: c.id } });
    expect(row.takenAt.getTime()).toBe(good.latest.takenAt);
    expect(row.error).toBeTruthy();
    expect(row.errorAt!.getTime()).toBeGreaterThan(good.latest.takenAt);
  });
});
