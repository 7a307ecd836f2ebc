import "server-only";
import { parse as parseYaml } from "yaml";
import type { SourceFile } from "@/lib/designs/asyncapi-file-set";
import { designFileSchema, DESIGN_FILE_FORMAT } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";
import { nextFreeName, SUGGESTED_NAME_FIELD } from "@/lib/designs/design-names";
import { AppError } from "@/lib/errors/app-error";
import { summarizeZodError } from "@/lib/errors/zod-issues";
import { can, type Principal } from "@/lib/auth/permissions";
import { prisma } from "@/server/db/prisma";
import { createDesign } from "./create-design";
import { parseAsyncApi, parseAsyncApiFiles, type ParsedAsyncApi } from "./parse-asyncapi";

function nameFromFile(fileName: string): string {
  return fileName.replace(/^.*\//, "").replace(/\.(topiary\.)?(json|ya?ml)$/i, "").replace(/\.asyncapi$/i, "").slice(0, 120) || "Imported design";
}

export interface ImportOptions {
  /** The name to give the new design instead of the file's (the user's answer when the file's is taken). */
  name?: string;
}

/**
 * The new design's name: the one asked for, else the file's. A name one of the user's designs already has is
 * refused with CONFLICT and the next free "Name (n)" offered, instead of a silent second design of that name.
 */
async function freeName(wanted: string, principal: Principal): Promise<string> {
  const name = wanted.trim();
  const rows = await prisma.design.findMany({ select: { name: true, clusterId: true } });
  const taken = rows.filter((d) => !d.clusterId || can(principal, "designs:read", d.clusterId)).map((d) => d.name);
  const free = nextFreeName(name, taken);
  if (free === name) return name;
  throw new AppError("CONFLICT", {
    userMessage: `A design named "${name}" already exists. Import it under another name.`,
    fieldErrors: { name: `A design named "${name}" already exists`, [SUGGESTED_NAME_FIELD]: free },
  });
}

async function createFromAsyncApi(parsed: ParsedAsyncApi, principal: Principal, opts: ImportOptions): Promise<{ design: DesignView; warnings: string[] }> {
  const name = await freeName(opts.name ?? parsed.title?.slice(0, 120) ?? nameFromFile(parsed.entry), principal);
  const design = await createDesign({ name, from: { kind: "topology", topology: parsed.topology }, clusterId: null }, principal, `Imported from AsyncAPI ${parsed.version}`);
  return { design, warnings: parsed.warnings };
}

/**
 * A new design from a file: Topiary's own JSON (validated field by field; an error names the field) or an
 * AsyncAPI 3.1 / 3.0 / 2.6 document in YAML or JSON (validated by the AsyncAPI parser).
 */
export async function importDesignFile(fileName: string, text: string, principal: Principal, opts: ImportOptions = {}): Promise<{ design: DesignView; warnings: string[] }> {
  let raw: unknown;
  try {
    raw = text.trimStart().startsWith("{") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new AppError("VALIDATION", { userMessage: `The file is neither valid JSON nor YAML: ${(e as Error).message.split("\n")[0]}` });
  }
  const obj = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : null;
  if (obj && "asyncapi" in obj) return createFromAsyncApi(await parseAsyncApi(text, fileName), principal, opts);
  if (obj && ("format" in obj || "topology" in obj)) {
    const file = designFileSchema.safeParse(obj);
    if (!file.success) throw new AppError("VALIDATION", { userMessage: `Not a valid Topiary design file: ${summarizeZodError(file.error)}` });
    const name = await freeName(opts.name ?? file.data.name, principal);
    const design = await createDesign(
      { name, from: { kind: "topology", topology: file.data.topology, layout: file.data.layout }, clusterId: null },
      principal,
      `Imported from ${fileName.slice(0, 100)}`,
    );
    return { design, warnings: [] };
  }
  throw new AppError("VALIDATION", {
    userMessage: `Not a design file: expected a Topiary design (JSON with "format": "${DESIGN_FILE_FORMAT}") or an AsyncAPI document.`,
  });
}

/**
 * A new design from several files (a folder or the contents of a .zip): the AsyncAPI document among them with
 * its references to the others resolved, none outside the set. One file alone is read as importDesignFile does.
 */
export async function importDesignFiles(files: SourceFile[], principal: Principal, opts: ImportOptions = {}): Promise<{ design: DesignView; warnings: string[] }> {
  if (files.length === 1) return importDesignFile(files[0].path, files[0].text, principal, opts);
  return createFromAsyncApi(await parseAsyncApiFiles(files), principal, opts);
}
