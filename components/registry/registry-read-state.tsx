import { errorMessage } from "@/components/ui/fetch-json";

/** Above what a registry read shows: why it failed, or that it is still asking. */
export function RegistryReadState({ error, isPending }: { error: Error | null; isPending: boolean }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {isPending && <p className="muted">Asking the registry…</p>}
    </>
  );
}
