import type { SaveState } from "./designer-store";

/**
 * What an open designer does when the store holds version `newest` of its design and it holds `version`: nothing
 * (not newer, or its own save in flight may be that version), take the newer one (nothing unsaved here), or say
 * now that its edits can no longer be saved (a conflict) instead of when its next save is refused. Pure.
 */
export function remoteSaveAction(newest: number, version: number, save: SaveState): "none" | "reload" | "conflict" {
  if (newest <= version || save === "saving" || save === "conflict") return "none";
  return save === "saved" ? "reload" : "conflict";
}
