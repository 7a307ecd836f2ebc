"use client";
import Link from "next/link";
import { useState } from "react";
import type { LagSettingsView } from "@/lib/groups/group-views";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError } from "@/components/ui/field-error";
import { groupHref, useSaveClusterLagSettingsMutation } from "./group-queries";

const isWhole = (s: string) => /^\d+$/.test(s.trim());
const isPercent = (s: string) => /^\d+(\.\d+)?$/.test(s.trim()) && Number(s) <= 100;

/**
 * How the cluster's statuses are judged: the allowed lag (Burrow's allowed-lag), the share of the window a partition
 * needs before it is judged (Burrow's minimum-complete), and, read-only, the window and interval from the environment
 * and the groups with their own allowed lag. Editors change them.
 */
export function LagSettingsPanel({ clusterId, settings }: { clusterId: string; settings: LagSettingsView }) {
  const mayEdit = useCan("alerts:write", clusterId);
  const [allowedLag, setAllowedLag] = useState(String(settings.allowedLag));
  const [minimum, setMinimum] = useState(String(Math.round(settings.minimumComplete * 100)));
  const save = useSaveClusterLagSettingsMutation(clusterId);
  const error = !isWhole(allowedLag) ? "Allowed lag: a whole number of messages" : !isPercent(minimum) ? "Minimum complete: a percentage from 0 to 100" : null;
  const intervalS = Math.round(settings.intervalMs / 1000);

  return (
    <details className="card" aria-label="Status settings" data-testid="lag-settings">
      <summary>
        Status settings: allowed lag {settings.allowedLag.toLocaleString()}, judged from {Math.round(settings.minimumComplete * 100)} % of a window of {settings.windowSize}{" "}
        samples (every {intervalS} s)
        {settings.groupOverrides.length > 0 && `, ${settings.groupOverrides.length} group${settings.groupOverrides.length === 1 ? "" : "s"} with their own allowed lag`}
      </summary>
      <p className="small muted">
        Lag at or below the allowed lag counts as none (Burrow's <code>allowed-lag</code>). A partition is judged once its window holds the minimum share of{" "}
        {settings.windowSize} samples and at least {settings.minimumSamples} (Burrow's <code>minimum-complete</code>); until then it is reported OK and marked
        &ldquo;not judged yet&rdquo;. The window size and interval are set in the environment (<code>TOPIARY_LAG_WINDOW</code>, <code>TOPIARY_LAG_INTERVAL_MS</code>).
      </p>
      {mayEdit ? (
        <form
          className="actions wrap"
          onSubmit={(e) => {
            e.preventDefault();
            if (!error) save.mutate({ clusterId, allowedLag: Number(allowedLag), minimumComplete: Number(minimum) / 100 });
          }}
        >
          <label>
            Allowed lag <input value={allowedLag} onChange={(e) => setAllowedLag(e.target.value)} inputMode="numeric" size={10} aria-label="Allowed lag for the cluster" />
          </label>
          <label>
            Minimum complete (%) <input value={minimum} onChange={(e) => setMinimum(e.target.value)} inputMode="decimal" size={5} aria-label="Minimum complete" />
          </label>
          <button type="submit" className="secondary" disabled={!!error || save.isPending}>
            {save.isPending ? "Saving…" : "Save settings"}
          </button>
        </form>
      ) : (
        <p className="small muted">An editor can change these.</p>
      )}
      <FieldError className="small">{error ?? (save.isError ? errorMessage(save.error) : null)}</FieldError>
      {save.isSuccess && !save.isPending && (
        <p className="small ok" role="status">
          Saved: every group is judged again with these settings.
        </p>
      )}
      {settings.groupOverrides.length > 0 && (
        <ul className="small">
          {settings.groupOverrides.map((o) => (
            <li key={o.groupId}>
              <Link href={groupHref(clusterId, o.groupId)}>
                <code>{o.groupId}</code>
              </Link>{" "}
              allowed lag {o.allowedLag.toLocaleString()}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
