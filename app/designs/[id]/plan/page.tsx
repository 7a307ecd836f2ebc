import { PlanPanel } from "@/components/plan/plan-view";

export const dynamic = "force-dynamic";

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PlanPanel designId={id} />;
}
