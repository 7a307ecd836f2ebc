import { BrokerDetail } from "@/components/clusters/broker-detail";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function BrokerPage({ params }: { params: Promise<{ id: string; broker: string }> }) {
  const { id, broker } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    const n = Number(broker);
    if (!Number.isInteger(n) || n < 0) return <ErrorPanel error={new Error(`Not a broker id: ${broker}`)} />;
    return <BrokerDetail cluster={cluster} broker={n} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
