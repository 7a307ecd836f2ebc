"use client";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { filesFromZip, SET_FILE_PATTERN, type SourceFile } from "@/lib/designs/asyncapi-file-set";
import { SUGGESTED_NAME_FIELD } from "@/lib/designs/design-names";
import type { DesignView } from "@/lib/designs/design-views";
import type { ActionResult } from "@/lib/errors/action-result";
import { isAppError } from "@/lib/errors/app-error";
import { importDesignFileAction, importDesignFilesAction } from "@/server/actions/design-actions";
import type { NameRequest } from "./name-dialog";

// Importing designs: one file (a Topiary design or an AsyncAPI document), several files, a folder, or a .zip
// holding an AsyncAPI document with the schema files it refers to (unzipped here, in the browser: the server
// takes only the texts). And the AsyncAPI example the console serves from public/examples/. A file whose design
// name is taken is not imported as a second design of that name: the user is offered "Name (2)" to edit.

export const EXAMPLE_ASYNCAPI = "/examples/order-flow.asyncapi.yaml";

const isZip = (f: File) => /\.zip$/i.test(f.name) || f.type === "application/zip";

/** The texts of the chosen files (a .zip's documents and schemas), with their paths inside the folder or zip. */
async function sourceFiles(list: File[]): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const f of list) {
    if (isZip(f)) out.push(...filesFromZip(new Uint8Array(await f.arrayBuffer())));
    else {
      const path = f.webkitRelativePath || f.name;
      // A folder brings every file it holds: keep the documents and schemas.
      if (f.webkitRelativePath && !SET_FILE_PATTERN.test(path)) continue;
      out.push({ path, text: await f.text() });
    }
  }
  return out;
}

type ImportResult = ActionResult<{ design: DesignView; warnings: string[] }>;

export function DesignImport({
  busy,
  onBusy,
  onError,
  onNotice,
  onAskName,
}: {
  busy: boolean;
  onBusy: (busy: boolean) => void;
  onError: (message: string | null) => void;
  onNotice: (message: string | null) => void;
  /** Asks the user for another name (the NameDialog of the designs list). */
  onAskName: (request: NameRequest) => void;
}) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const opened = (r: Extract<ImportResult, { ok: true }>) => {
    if (r.data.warnings.length) onNotice(`Imported with ${r.data.warnings.length} warning(s): ${r.data.warnings.slice(0, 3).join("; ")}`);
    router.push(`/designs/${r.data.design.id}`);
  };
  const suggestion = (r: ImportResult) => (!r.ok && r.error.code === "CONFLICT" ? r.error.fieldErrors?.[SUGGESTED_NAME_FIELD] : undefined);

  /** Runs an import; `action` takes the name to import under (none: the file's own). */
  async function run(label: string, action: (name?: string) => Promise<ImportResult>) {
    onBusy(true);
    onError(null);
    onNotice(null);
    try {
      const r = await action();
      const offer = suggestion(r);
      if (offer) {
        onAskName({
          title: "Import under another name",
          note: !r.ok && r.error.message,
          initial: offer,
          confirmLabel: "Import",
          onConfirm: async (name) => {
            const again = await action(name);
            if (again.ok) return (opened(again), null);
            return { message: again.error.message, suggestion: suggestion(again) };
          },
        });
        return;
      }
      if (!r.ok) return onError(`${label}: ${r.error.message}`);
      opened(r);
    } catch (e) {
      onError(`${label}: ${isAppError(e) ? e.userMessage : e instanceof Error ? e.message : String(e)}`);
    } finally {
      onBusy(false);
      if (fileInput.current) fileInput.current.value = "";
      if (folderInput.current) folderInput.current.value = "";
    }
  }

  async function importFiles(list: File[]) {
    if (!list.length) return;
    const label = list.length === 1 ? list[0].name : `${list.length} files`;
    if (list.length === 1 && !isZip(list[0])) {
      const text = await list[0].text();
      return run(label, (name) => importDesignFileAction({ fileName: list[0].name, text, name }));
    }
    let files: SourceFile[] | null = null;
    return run(label, async (name) => importDesignFilesAction({ files: (files ??= await sourceFiles(list)), name }));
  }

  async function importExample() {
    let text: string | null = null;
    await run("The AsyncAPI example", async (name) => {
      if (text === null) {
        const res = await fetch(EXAMPLE_ASYNCAPI);
        if (!res.ok) throw new Error(`it could not be loaded (HTTP ${res.status})`);
        text = await res.text();
      }
      return importDesignFileAction({ fileName: "order-flow.asyncapi.yaml", text, name });
    });
  }

  return (
    <>
      <button type="button" className="secondary" onClick={() => void importExample()} disabled={busy} title="An order flow with contracts in Avro, Protobuf and JSON Schema (AsyncAPI 3.1)">
        Open the AsyncAPI example
      </button>
      <button type="button" className="secondary" onClick={() => fileInput.current?.click()} disabled={busy}>
        Import file
      </button>
      <button type="button" className="secondary" onClick={() => folderInput.current?.click()} disabled={busy}>
        Import folder
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept=".json,.yaml,.yml,.zip,.avsc,.proto,application/json,application/yaml,application/zip"
        hidden
        data-testid="import-file"
        onChange={(e) => void importFiles([...(e.target.files ?? [])])}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        data-testid="import-folder"
        // Chromium, Firefox and Safari all read a whole folder with this (non-standard) attribute.
        {...({ webkitdirectory: "" } as Record<string, string>)}
        onChange={(e) => void importFiles([...(e.target.files ?? [])])}
      />
    </>
  );
}
