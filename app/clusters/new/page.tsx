import { ClusterForm } from "@/components/clusters/cluster-form";

export default function NewClusterPage() {
  return (
    <>
      <h1>Add cluster</h1>
      <ClusterForm />
    </>
  );
}
