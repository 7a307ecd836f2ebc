"use client";
import { useState } from "react";
import { RESET_TARGETS, type OffsetResetInput } from "@/lib/groups/group-schemas";
import type { OffsetResetPreview, OffsetResetResult } from "@/lib/groups/group-views";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError } from "@/components/ui/field-error";
import { usePreviewOffsetResetMutation, useResetOffsetsMutation } from "./group-queries";

const TARGET_LABELS: Record<(typeof RESET_TARGETS)[number], string> = {
  earliest: "Earliest",
  latest: "Latest (skip everything)",
  timestamp: "A date and time",
  offset: "An offset",
};

/** Where a reset is: committing, then waiting for a sample taken after it, then done. */
type Done = { result: OffsetResetResult; topic: string };

/**
 * Reset a group's committed offsets on one topic (all partitions or chosen ones): preview the new offsets (with a
 * note where the offset asked for was moved into the partition's range), then confirm exactly those; progress shows
 * while it commits and until the page has lag from after it. Kafka refuses this for a group with active members.
 */
export function ResetOffsetsPanel({
  clusterId,
  groupId,
  topics,
  active,
  sampledAt,
  onReset,
}: {
  clusterId: string;
  groupId: string;
  topics: string[];
  active: boolean;
  /** When the page's sample was taken: the reset is done once it is after the commit. */
  sampledAt: number;
  onReset: (result: OffsetResetResult) => void;
}) {
  const [topic, setTopic] = useState(topics[0] ?? "");
  const [target, setTarget] = useState<OffsetResetInput["target"]>("earliest");
  const [partitions, setPartitions] = useState("");
  const [when, setWhen] = useState("");
  const [offset, setOffset] = useState("");
  const [preview, setPreview] = useState<OffsetResetPreview | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const previewing = usePreviewOffsetResetMutation();
  const resetting = useResetOffsetsMutation(clusterId);

  const parsePartitions = (): number[] | null => {
    if (!partitions.trim()) return [];
    const list = partitions.split(",").map((x) => x.trim());
    return list.every((x) => /^\d+$/.test(x)) ? list.map(Number) : null;
  };
  const partitionList = parsePartitions();
  const formError =
    !topic ? "Choose a topic" : partitionList === null ? "Partitions: numbers separated by commas" : target === "timestamp" && !when ? "Choose a date and time" : target === "offset" && !/^\d+$/.test(offset) ? "Give an offset (a whole number)" : null;

  const ask = () => {
    setDone(null);
    setPreview(null);
    previewing.mutate(
      {
        clusterId,
        groupId,
        topic,
        target,
        ...(partitionList?.length ? { partitions: partitionList } : {}),
        ...(target === "timestamp" ? { timestamp: new Date(when).getTime() } : {}),
        ...(target === "offset" ? { offset: Number(offset) } : {}),
      },
      { onSuccess: setPreview },
    );
  };
  const confirm = () => {
    if (!preview) return;
    resetting.mutate(
      { clusterId, groupId, topic: preview.topic, offsets: preview.rows.map((r) => ({ partition: r.partition, offset: r.newOffset })) },
      {
        onSuccess: (result) => {
          setDone({ result, topic: preview.topic });
          setPreview(null);
          onReset(result);
        },
      },
    );
  };

  return (
    <section className="card" aria-label="Reset offsets">
      <h3>Reset offsets</h3>
      {active && <p className="small warn-text">This group has active members: Kafka will refuse a reset until its consumers stop.</p>}
      <div className="actions wrap">
        <label>
          Topic{" "}
          <select value={topic} onChange={(e) => setTopic(e.target.value)} aria-label="Topic to reset">
            {topics.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Partitions{" "}
          <input value={partitions} onChange={(e) => setPartitions(e.target.value)} placeholder="all" size={10} aria-label="Partitions to reset" />
        </label>
        <label>
          To{" "}
          <select value={target} onChange={(e) => setTarget(e.target.value as OffsetResetInput["target"])} aria-label="Reset to">
            {RESET_TARGETS.map((t) => (
              <option key={t} value={t}>
                {TARGET_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        {target === "timestamp" && <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} aria-label="Reset to time" />}
        {target === "offset" && <input value={offset} onChange={(e) => setOffset(e.target.value)} inputMode="numeric" placeholder="offset" size={12} aria-label="Reset to offset" />}
        <button type="button" className="secondary" disabled={!!formError || previewing.isPending} onClick={ask}>
          Preview
        </button>
      </div>
      <FieldError className="small">{topic && formError}</FieldError>
      {previewing.error && <p className="error" role="alert">{errorMessage(previewing.error)}</p>}
      {preview && (
        <div data-testid="reset-preview">
          <table className="table compact" aria-label="New offsets">
            <thead>
              <tr>
                <th className="num">Partition</th>
                <th className="num">Committed now</th>
                <th className="num">New offset</th>
                <th className="num">Start</th>
                <th className="num">End</th>
                <th className="num">Lag after</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.partition}>
                  <td className="num">{r.partition}</td>
                  <td className="num">{r.current === null ? "—" : r.current.toLocaleString()}</td>
                  <td className="num">
                    <strong>{r.newOffset.toLocaleString()}</strong>
                  </td>
                  <td className="num">{r.start.toLocaleString()}</td>
                  <td className="num">{r.end.toLocaleString()}</td>
                  <td className="num">{(r.end - r.newOffset).toLocaleString()}</td>
                  <td className="small warn-text" data-testid="reset-clamped">
                    {r.note ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.clampNote && (
            <p className="banner warn small" data-testid="reset-clamp-note">
              {preview.clampNote}
            </p>
          )}
          {preview.refusal ? (
            <p className="error" role="alert">
              {preview.refusal}
            </p>
          ) : (
            <div className="actions">
              <button type="button" className="danger" disabled={resetting.isPending} onClick={confirm}>
                Reset {preview.rows.length} partition{preview.rows.length === 1 ? "" : "s"} to these offsets
              </button>
              <button type="button" className="secondary" onClick={() => setPreview(null)}>
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
      {resetting.isPending && (
        <p className="small" role="status" data-testid="reset-progress">
          <progress aria-label="Resetting offsets" /> Checking that the group has no members and the offsets are in range, then committing{" "}
          {preview?.rows.length ?? ""} offsets…
        </p>
      )}
      {resetting.error && <p className="error" role="alert">{errorMessage(resetting.error)}</p>}
      {done && <ResetDone done={done} sampledAt={sampledAt} />}
    </section>
  );
}

function ResetDone({ done, sampledAt }: { done: Done; sampledAt: number }) {
  const { result, topic } = done;
  const what = `Reset ${result.reset} partition${result.reset === 1 ? "" : "s"} of ${topic}.`;
  const took = `Committed in ${(result.tookMs / 1000).toFixed(1)} s`;
  if (sampledAt < result.at) {
    return (
      <p className="small" role="status" data-testid="reset-progress">
        <progress aria-label="Reading the new lag" /> {took}; reading the new lag…
      </p>
    );
  }
  return (
    <p className="ok" role="status">
      {what} {took}; the figures above are from a sample taken after it.
    </p>
  );
}
