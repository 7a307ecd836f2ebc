// Design names: an import whose name is already taken is offered the next free "Name (n)" instead.

export const MAX_DESIGN_NAME = 120;

/**
 * Where an import refused for a taken name (CONFLICT) puts the name it suggests instead: in the error's
 * fieldErrors, beside `name`'s message, so the browser can offer it in a field.
 */
export const SUGGESTED_NAME_FIELD = "suggestedName";

const NUMBERED = /^(.*\S)\s+\((\d{1,6})\)$/;

/**
 * The first of "Name (2)", "Name (3)", … that no design has; a name that already ends in "(n)" counts on from
 * n ("Shop (2)" → "Shop (3)"). Names compare as the store keeps them (trimmed, case-sensitive). Kept within
 * MAX_DESIGN_NAME characters by shortening the base, never the number.
 */
export function nextFreeName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const trimmed = name.trim();
  if (!used.has(trimmed)) return trimmed;
  const m = NUMBERED.exec(trimmed);
  const base = m ? m[1] : trimmed;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_DESIGN_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}
