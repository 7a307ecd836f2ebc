"use client";
import { useRef, useState } from "react";
import { fieldErrorsFromZod } from "@/lib/errors/zod-issues";
import { addPartitionsInputSchema } from "@/lib/topics/topic-detail-schema";
import { errorMessage } from "@/components/ui/fetch-json";
import { FieldError, FormError } from "@/components/ui/field-error";
import { useAddPartitionsMutation } from "./topic-queries";

/** "Add partitions": a new, larger partition count. Kafka cannot remove partitions, so smaller is refused. */
export function AddPartitionsButton({ clusterId, topic, current }: { clusterId: string; topic: string; current: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [count, setCount] = useState("");
  const add = useAddPartitionsMutation();

  const partitions = count.trim() === "" ? Number.NaN : Number(count);
  const parsed = addPartitionsInputSchema.safeParse({ clusterId, topic, partitions });
  const error = !parsed.success
    ? fieldErrorsFromZod(parsed.error).partitions
    : partitions <= current
      ? `More than ${current}: Kafka cannot remove partitions`
      : null;

  async function confirm() {
    if (error) return;
    try {
      await add.mutateAsync({ clusterId, topic, partitions });
      dialog.current?.close();
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <>
      <button
        type="button"
        className="secondary small"
        onClick={() => {
          setCount(String(current + 1));
          add.reset();
          dialog.current?.showModal();
        }}
      >
        Add partitions
      </button>
      <dialog ref={dialog} aria-label={`Add partitions to ${topic}`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
          noValidate
        >
          <h3>Add partitions to “{topic}”</h3>
          <p>
            It has {current} partition{current === 1 ? "" : "s"}. Partitions can be added but never removed, and keys then map to other
            partitions than before, which changes their ordering.
          </p>
          <label>
            New partition count
            <input type="number" min={current + 1} value={count} onChange={(e) => (setCount(e.target.value), add.reset())} autoFocus />
          </label>
          <FieldError>{error}</FieldError>
          <FormError>{add.isError && errorMessage(add.error)}</FormError>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" disabled={!!error || add.isPending}>
              {add.isPending ? "Adding…" : "Add partitions"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
