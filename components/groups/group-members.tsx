import type { GroupMember } from "@/lib/groups/lag-types";

/** The group's members with their assignments; from an old sample, said to be the last seen. */
export function GroupMembers({ members, state, current, ago }: { members: GroupMember[]; state: string; current: boolean; ago: string }) {
  return (
    <section className="card" aria-label="Members">
      <h3>Members{current ? "" : <span className="muted small"> last seen {ago}</span>}</h3>
      {members.length ? (
        <table className={`table compact${current ? "" : " muted"}`}>
          <thead>
            <tr>
              <th>Client id</th>
              <th>Host</th>
              <th>Assigned partitions</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.memberId} title={m.memberId}>
                <td>
                  <code>{m.clientId}</code>
                </td>
                <td>{m.host}</td>
                <td className="small">{m.assignments.map((a) => `${a.topic} [${a.partitions.join(", ")}]`).join("; ") || <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No active members: the group {current ? "is" : "was"} {state}.</p>
      )}
    </section>
  );
}
