import { Designer } from "@/components/designer/designer";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getDesignQuery } from "@/server/designs/design-page-reads";

export const dynamic = "force-dynamic";

export default async function DesignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const design = await getDesignQuery({ id });
    // Keyed by id so that navigating between designs builds a fresh editor store.
    return <Designer key={design.id} design={design} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
