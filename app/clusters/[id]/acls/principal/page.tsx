import { PrincipalAccessPanel } from "@/components/acls/principal-access-panel";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

/** One principal (?name=User:alice: a query parameter, since principals may hold characters a path would escape). */
export default async function PrincipalPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ name?: string }> }) {
  const { id } = await params;
  const { name } = await searchParams;
  try {
    const cluster = await getClusterQuery({ id });
    if (!name) return <p className="error">Name a principal (?name=User:…).</p>;
    return <PrincipalAccessPanel cluster={cluster} principal={name} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
