"use client";
import { useRef, useState } from "react";
import { describeDeleteRecords, type DeleteRecordsInput, type DeleteRecordsMode } from "@/lib/topics/delete-records";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { useDeleteRecordsMutation, usePreviewDeleteRecordsMutation } from "./topic-queries";

/** "1, 3, 5" → [1, 3, 5]; blank → null (every partition); anything else → undefined (not valid). */
function parsePartitions(text: string): number[] | null | undefined {
  if (!text.trim()) return null;
  const parts = text.split(",").map((s) => s.trim());
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : undefined;
}

/**
 * "Delete records": everything, or what lies before an offset or a time, in every partition or chosen ones
 * (Kafka's DeleteRecords moves each partition's log start). Previewed per partition first; deleting needs the
 * topic's name typed back. Nothing is deleted by the preview.
 */
export function DeleteRecordsButton({ clusterId, topic }: { clusterId: string; topic: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<DeleteRecordsMode>("before-time");
  const [offset, setOffset] = useState("");
  const [time, setTime] = useState("");
  const [partitions, setPartitions] = useState("");
  const [typed, setTyped] = useState("");
  const preview = usePreviewDeleteRecordsMutation();
  const run = useDeleteRecordsMutation();

  const chosen = parsePartitions(partitions);
  const request: DeleteRecordsInput | null =
    chosen === undefined || (mode === "before-offset" && !/^\d+$/.test(offset.trim())) || (mode === "before-time" && Number.isNaN(Date.parse(time)))
      ? null
      : {
          clusterId,
          topic,
          mode,
          partitions: chosen,
          ...(mode === "before-offset" ? { offset: Number(offset) } : {}),
          ...(mode === "before-time" ? { timestamp: Date.parse(time) } : {}),
        };
  const changed = () => {
    preview.reset();
    run.reset();
  };
  const plan = preview.data?.partitions;
  const total = plan?.reduce((s, p) => s + p.removes, 0) ?? 0;

  return (
    <>
      <button
        type="button"
        className="secondary small"
        onClick={() => {
          changed();
          setTyped("");
          dialog.current?.showModal();
        }}
      >
        Delete records
      </button>
      <dialog ref={dialog} aria-label={`Delete records of ${topic}`} className="wide">
        <form onSubmit={(e) => e.preventDefault()} noValidate>
          <h3>Delete records of “{topic}”</h3>
          <p className="muted small">Kafka moves each partition&apos;s start forward; the records before it are gone for every consumer. Nothing happens until you confirm.</p>
          <div className="form-row">
            <label>
              Delete
              <select value={mode} onChange={(e) => (setMode(e.target.value as DeleteRecordsMode), changed())}>
                <option value="before-time">records older than a time</option>
                <option value="before-offset">records before an offset</option>
                <option value="all">every record</option>
              </select>
            </label>
            {mode === "before-offset" && (
              <label>
                Offset
                <input inputMode="numeric" value={offset} onChange={(e) => (setOffset(e.target.value), changed())} placeholder="e.g. 1000" />
              </label>
            )}
            {mode === "before-time" && (
              <label>
                Time
                <input type="datetime-local" step={1} value={time} onChange={(e) => (setTime(e.target.value), changed())} />
              </label>
            )}
            <label>
              Partitions
              <input value={partitions} onChange={(e) => (setPartitions(e.target.value), changed())} placeholder="all" size={10} />
            </label>
          </div>
          <FieldError>{chosen === undefined && "Partitions: numbers separated by commas, or blank for all"}</FieldError>
          <div className="actions">
            <button type="button" className="secondary" disabled={!request || preview.isPending} onClick={() => request && preview.mutate(request)}>
              {preview.isPending ? "Reading…" : "Preview"}
            </button>
          </div>
          <FormError>{preview.isError && errorMessage(preview.error)}</FormError>
          {plan && request && (
            <>
              <table className="table small" aria-label="Records to delete">
                <thead>
                  <tr>
                    <th>Partition</th>
                    <th className="num">Starts at</th>
                    <th className="num">Would start at</th>
                    <th className="num">Records deleted</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.map((p) => (
                    <tr key={p.partition}>
                      <td>{p.partition}</td>
                      <td className="num">{p.low.toLocaleString("en-US")}</td>
                      <td className="num">{p.newLow.toLocaleString("en-US")}</td>
                      <td className="num">{p.removes.toLocaleString("en-US")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p data-testid="delete-records-summary">{describeDeleteRecords(request as { mode: DeleteRecordsMode }, plan)}</p>
              {total > 0 && (
                <label>
                  Topic name to confirm
                  <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
                </label>
              )}
            </>
          )}
          <FormError>{run.isError && errorMessage(run.error)}</FormError>
          {run.data && <p className="ok">Deleted {run.data.deleted.toLocaleString("en-US")} records.</p>}
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              {run.data ? "Close" : "Cancel"}
            </button>
            {!run.data && (
              <button type="button" className="danger" disabled={!plan || total === 0 || typed !== topic || run.isPending} onClick={() => request && run.mutate({ ...request, confirmName: typed })}>
                {run.isPending ? "Deleting…" : `Delete ${total.toLocaleString("en-US")} records`}
              </button>
            )}
          </div>
        </form>
      </dialog>
    </>
  );
}
