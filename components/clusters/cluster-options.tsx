/** One <option> per cluster, valued by id and named by name, for a cluster <select>. */
export function ClusterOptions({ clusters }: { clusters: readonly { id: string; name: string }[] | undefined }) {
  return (
    <>
      {clusters?.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  );
}
