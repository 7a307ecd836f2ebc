import { describe, expect, it } from "vitest";
import { nextSortOrder } from "./sort-order";

const descFirst = (k: string) => k !== "name";

describe("nextSortOrder", () => {
  it("turns the sorted column around", () => {
    expect(nextSortOrder({ sort: "name", desc: false }, "name", descFirst)).toEqual({ sort: "name", desc: true });
    expect(nextSortOrder({ sort: "name", desc: true }, "name", descFirst)).toEqual({ sort: "name", desc: false });
  });

  it("starts another column in its own direction", () => {
    expect(nextSortOrder({ sort: "name", desc: false }, "lag", descFirst)).toEqual({ sort: "lag", desc: true });
    expect(nextSortOrder({ sort: "lag", desc: false }, "name", descFirst)).toEqual({ sort: "name", desc: false });
    expect(nextSortOrder({ sort: "lag", desc: true }, "name", descFirst)).toEqual({ sort: "name", desc: false });
  });
});
