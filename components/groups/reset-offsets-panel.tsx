"use client";
import { useState } from "react";
import { RESET_TARGETS, type OffsetResetInput } from "@/lib/lag/group-schemas";
import type { OffsetResetPreview } from "@/lib/lag/group-views";
import { errorMessage } from "@/components/ui/fetch-json";
import { usePreviewOffsetResetMutation, useResetOffsetsMutation } from "./group-queries";

const TARGET_LABELS: Record<(typeof RESET_TARGETS)[number], string> = {
  earliest: "Earliest",
  latest: "Latest (skip everything)",
  timestamp: "A date and time",
  offset: "An offset",
};

/**
 * Reset a group's committed offsets on one topic (all partitions or chosen ones): preview the new offsets,
 * then confirm exactly those. Kafka refuses this for a group with active members; the preview says so.
 */
export function ResetOffsetsPanel({ clusterId, groupId, topics, active }: { clusterId: string; groupId: string; topics: string[]; active: boolean }) {
  const [topic, setTopic] = useState(topics[0] ?? "");
  const [target, setTarget] = useState<OffsetResetInput["target"]>("earliest");
  const [partitions, setPartitions] = useState("");
  const [when, setWhen] = useState("");
  const [offset, setOffset] = useState("");
  const [preview, setPreview] = useState<OffsetResetPreview | null>(null);
  const [done, setDone] = useState<string | null>(null);
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
        onSuccess: (r) => {
          setDone(`Reset ${r.reset} partition${r.reset === 1 ? "" : "s"} of ${preview.topic}.`);
          setPreview(null);
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
      {formError && topic && <p className="field-error small">{formError}</p>}
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
                </tr>
              ))}
            </tbody>
          </table>
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
      {resetting.error && <p className="error" role="alert">{errorMessage(resetting.error)}</p>}
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
