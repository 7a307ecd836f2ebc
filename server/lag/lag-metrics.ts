import "server-only";
import { renderLagMetrics, type ClusterMetricsInput } from "@/lib/lag/prometheus";
import { prisma } from "@/server/db/prisma";
import { lagState, sampleCluster } from "./lag-sampler";

/** How long a scrape waits for a cluster that has no sample yet (Prometheus' default scrape timeout is 10 s). */
const FIRST_SAMPLE_WAIT_MS = 5_000;

/** Every cluster's latest lag sample as Prometheus text. A cluster that cannot be sampled is left out. */
export async function lagMetricsText(visible: (clusterId: string) => boolean = () => true): Promise<string> {
  const clusters = (await prisma.cluster.findMany({ orderBy: { name: "asc" } })).filter((c) => visible(c.id));
  const inputs = await Promise.all(
    clusters.map(async (c): Promise<ClusterMetricsInput | null> => {
      let state = lagState(c.id);
      if (!state) {
        const sample = sampleCluster(c).catch(() => null);
        state = await Promise.race([sample, new Promise<null>((r) => setTimeout(() => r(null), FIRST_SAMPLE_WAIT_MS))]);
      }
      if (!state) return null;
      return { cluster: c.name, snapshot: state.latest, statuses: new Map([...state.verdicts].map(([g, v]) => [g, v.status])) };
    }),
  );
  return renderLagMetrics(inputs.filter((x): x is ClusterMetricsInput => x !== null));
}
