import type { z } from "zod";

/** Turns zod issues into one message per field path ("connection.bootstrapServers": "…"), first issue wins. */
export function fieldErrorsFromZod(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

export function summarizeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return "Invalid input";
  const where = first.path.length ? `${first.path.map(String).join(".")}: ` : "";
  return `${where}${first.message}`;
}
