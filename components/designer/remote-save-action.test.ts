import { describe, expect, it } from "vitest";
import { remoteSaveAction } from "./remote-save-action";

describe("following saves made elsewhere", () => {
  it("takes a newer version when nothing is unsaved, and says at once when edits here can no longer be saved", () => {
    expect(remoteSaveAction(4, 3, "saved")).toBe("reload");
    expect(remoteSaveAction(4, 3, "dirty")).toBe("conflict");
    expect(remoteSaveAction(4, 3, "failed")).toBe("conflict");
  });

  it("does nothing when not newer, while its own save is in flight (that may be the newer version), or once in conflict", () => {
    expect(remoteSaveAction(3, 3, "saved")).toBe("none");
    expect(remoteSaveAction(2, 3, "dirty")).toBe("none");
    expect(remoteSaveAction(4, 3, "saving")).toBe("none");
    expect(remoteSaveAction(5, 3, "conflict")).toBe("none");
  });
});
