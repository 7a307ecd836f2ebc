"use client";
import { useEffect, useRef, useState } from "react";
import { describeBinding, type AclBinding } from "@/lib/acls/acl-model";
import type { AclChangePreview } from "@/lib/acls/preview-change";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/fetch-json";
import { FormError } from "@/components/ui/field-error";
import { useApplyAclChangeMutation, usePreviewAclChangeMutation } from "./acl-queries";
import { AclChangeReview } from "./acl-change-review";

/** Previews the deletion when the dialog opens (its content mounts then), and hands the preview up. */
function DeletionPreview({ clusterId, binding, onPreview }: { clusterId: string; binding: AclBinding; onPreview: (p: AclChangePreview | null) => void }) {
  const preview = usePreviewAclChangeMutation();
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    onPreview(null);
    preview.mutate({ clusterId, add: [], remove: [binding] }, { onSuccess: onPreview });
  }, [clusterId, binding, onPreview, preview]);
  if (preview.error) return <FormError>{errorMessage(preview.error)}</FormError>;
  if (!preview.data) return <p className="muted">Working out what changes…</p>;
  return <AclChangeReview preview={preview.data} />;
}

/** Deletes one binding after showing what changes and with its principal typed back. */
export function DeleteBindingButton({ clusterId, binding }: { clusterId: string; binding: AclBinding }) {
  const [preview, setPreview] = useState<AclChangePreview | null>(null);
  const apply = useApplyAclChangeMutation();
  return (
    <ConfirmDialog
      trigger="Delete"
      triggerLabel={`Delete binding: ${describeBinding(binding)}`}
      label={`Delete binding ${describeBinding(binding)}`}
      title="Delete this binding?"
      confirmName={binding.principal}
      nameLabel="Principal to confirm"
      confirmLabel="Delete binding"
      pendingLabel="Deleting…"
      onConfirm={async () => {
        if (!preview) throw new Error("Wait for the preview of what changes.");
        await apply.mutateAsync({ clusterId, add: [], remove: [binding], basis: preview.basis, confirmPrincipal: binding.principal });
      }}
    >
      <p>{describeBinding(binding)}</p>
      <DeletionPreview clusterId={clusterId} binding={binding} onPreview={setPreview} />
    </ConfirmDialog>
  );
}
