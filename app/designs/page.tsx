import { DesignsList } from "@/components/designer/designs-list";
import { ErrorPanel } from "@/components/ui/error-panel";
import { listDesignsQuery } from "@/server/designs/design-page-reads";

export const dynamic = "force-dynamic";

export default async function DesignsPage() {
  try {
    return <DesignsList initial={await listDesignsQuery({})} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
