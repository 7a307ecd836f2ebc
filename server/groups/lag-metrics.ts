import "server-only";
import { renderLagMetrics, type ClusterMetricsInput, type GroupMetricsExtras } from "@/lib/groups/prometheus";
import { prisma } from "@/server/db/prisma";
import { freshLagState, knownLag } from "./lag-sampler";
import type { ClusterLagState } from "./lag-state";

/** How long a scrape waits for a cluster that has no sample yet (Prometheus' default scrape timeout is 10 s). */
const FIRST_SAMPLE_WAIT_MS = 5_000;

function extrasOf(state: ClusterLagState): Map<string, GroupMetricsExtras> {
  const out = new Map<string, GroupMetricsExtras>();
  for (const g of state.latest.groups) {
    const t = state.timeLags.get(g.groupId);
    out.set(g.groupId, {
      burrowStatus: state.verdicts.get(g.groupId)?.burrowStatus ?? "NOTFOUND",
      timeLagSeconds: t?.group.seconds ?? null,
      partitionTimeLagSeconds: new Map([...(t?.partitions ?? [])].map(([key, tl]) => [key, tl.seconds])),
      retentionLostTotal: state.retention.totals.get(g.groupId) ?? 0,
    });
  }
  return out;
}

/** Every cluster's latest lag sample as Prometheus text. A cluster that cannot be sampled is left out. */
export async function lagMetricsText(visible: (clusterId: string) => boolean = () => true): Promise<string> {
  const clusters = (await prisma.cluster.findMany({ orderBy: { name: "asc" } })).filter((c) => visible(c.id));
  const inputs = await Promise.all(
    clusters.map(async (c): Promise<ClusterMetricsInput | null> => {
      let state = (await knownLag(c)).state;
      if (!state) {
        const sample = freshLagState(c, Infinity).catch(() => null);
        state = await Promise.race([sample, new Promise<null>((r) => setTimeout(() => r(null), FIRST_SAMPLE_WAIT_MS))]);
      }
      if (!state) return null;
      return { cluster: c.name, snapshot: state.latest, statuses: new Map([...state.verdicts].map(([g, v]) => [g, v.status])), extras: extrasOf(state) };
    }),
  );
  return renderLagMetrics(inputs.filter((x): x is ClusterMetricsInput => x !== null));
}
