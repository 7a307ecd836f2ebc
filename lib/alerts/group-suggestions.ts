// The consumer group field of an alert rule, checked against the groups the cluster has (issue 12, item 7).

/** At most this many groups are offered under the field (a cluster may have tens of thousands). */
export const MAX_GROUP_SUGGESTIONS = 50;

/** The groups offered for what is typed: those starting with it first, then those containing it, each sorted. */
export function groupSuggestions(groups: readonly string[], typed: string, max = MAX_GROUP_SUGGESTIONS): string[] {
  const t = typed.trim().toLowerCase();
  if (!t) return [...groups].sort().slice(0, max);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const g of groups) {
    const i = g.toLowerCase().indexOf(t);
    if (i === 0) starts.push(g);
    else if (i > 0) contains.push(g);
  }
  return [...starts.sort(), ...contains.sort()].slice(0, max);
}

/**
 * A warning for a group the cluster does not have (yet): a rule may watch a group before it first commits, so
 * this does not stop the form. None while the groups are unknown (`groups` null) or the field is blank.
 */
export function unknownGroupWarning(groups: readonly string[] | null, groupId: string): string | null {
  const id = groupId.trim();
  if (!id || groups === null || groups.includes(id)) return null;
  const close = groupSuggestions(groups, id, 3);
  return `The cluster has no consumer group "${id}" right now; the rule will watch it once it commits offsets.${close.length ? ` Did you mean ${close.map((g) => `"${g}"`).join(", ")}?` : ""}`;
}
