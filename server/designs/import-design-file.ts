import "server-only";
import { parse as parseYaml } from "yaml";
import { designFileSchema, DESIGN_FILE_FORMAT } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";
import { AppError } from "@/lib/errors/app-error";
import { summarizeZodError } from "@/lib/errors/zod-issues";
import type { Principal } from "@/lib/auth/permissions";
import { createDesign } from "./create-design";
import { parseAsyncApi } from "./parse-asyncapi";

function nameFromFile(fileName: string): string {
  return fileName.replace(/\.(topiary\.)?(json|ya?ml)$/i, "").replace(/\.asyncapi$/i, "").slice(0, 120) || "Imported design";
}

/**
 * A new design from a file: Topiary's own JSON (validated field by field; an error names the field) or an
 * AsyncAPI 3.0 / 2.6 document in YAML or JSON (validated by the AsyncAPI parser).
 */
export async function importDesignFile(fileName: string, text: string, principal: Principal): Promise<{ design: DesignView; warnings: string[] }> {
  let raw: unknown;
  try {
    raw = text.trimStart().startsWith("{") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new AppError("VALIDATION", { userMessage: `The file is neither valid JSON nor YAML: ${(e as Error).message.split("\n")[0]}` });
  }
  const obj = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : null;
  if (obj && "asyncapi" in obj) {
    const parsed = await parseAsyncApi(text);
    const title = (obj.info as { title?: unknown } | undefined)?.title;
    const name = typeof title === "string" && title.trim() ? title.trim().slice(0, 120) : nameFromFile(fileName);
    const design = await createDesign({ name, from: { kind: "topology", topology: parsed.topology }, clusterId: null }, principal, `Imported from AsyncAPI ${parsed.version}`);
    return { design, warnings: parsed.warnings };
  }
  if (obj && ("format" in obj || "topology" in obj)) {
    const file = designFileSchema.safeParse(obj);
    if (!file.success) throw new AppError("VALIDATION", { userMessage: `Not a valid Topiary design file: ${summarizeZodError(file.error)}` });
    const design = await createDesign(
      { name: file.data.name, from: { kind: "topology", topology: file.data.topology, layout: file.data.layout }, clusterId: null },
      principal,
      `Imported from ${fileName.slice(0, 100)}`,
    );
    return { design, warnings: [] };
  }
  throw new AppError("VALIDATION", {
    userMessage: `Not a design file: expected a Topiary design (JSON with "format": "${DESIGN_FILE_FORMAT}") or an AsyncAPI document.`,
  });
}
