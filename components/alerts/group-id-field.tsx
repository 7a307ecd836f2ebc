"use client";
import { useDeferredValue, useMemo } from "react";
import { groupSuggestions, unknownGroupWarning } from "@/lib/alerts/group-suggestions";
import { FieldError } from "@/components/ui/field-error";

/**
 * The rule's consumer group: the cluster's groups offered as one types (at most 50 at a time, however many the
 * cluster has), and a warning, not an error, for a group the cluster does not have (yet). `groups` is null
 * before the first lag sample: nothing to check against then.
 */
export function GroupIdField({ groups, value, onChange }: { groups: string[] | null; value: string; onChange: (groupId: string) => void }) {
  const typed = useDeferredValue(value);
  const suggestions = useMemo(() => groupSuggestions(groups ?? [], typed), [groups, typed]);
  const warning = useMemo(() => unknownGroupWarning(groups, typed), [groups, typed]);
  return (
    <>
      <label>
        Consumer group
        <input value={value} onChange={(e) => onChange(e.target.value)} list="alert-groups" spellCheck={false} placeholder="every group" autoComplete="off" />
        <datalist id="alert-groups">
          {suggestions.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </label>
      <FieldError tone="warning" testId="group-unknown">
        {warning}
      </FieldError>
    </>
  );
}
