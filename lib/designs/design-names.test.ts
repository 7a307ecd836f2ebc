import { describe, expect, it } from "vitest";
import { MAX_DESIGN_NAME, nextFreeName } from "./design-names";

describe("nextFreeName", () => {
  it("keeps a free name as it is (trimmed)", () => {
    expect(nextFreeName("  Shop flow ", ["Other"])).toBe("Shop flow");
  });

  it("offers Name (2), then the next number that is free", () => {
    expect(nextFreeName("Shop flow", ["Shop flow"])).toBe("Shop flow (2)");
    expect(nextFreeName("Shop flow", ["Shop flow", "Shop flow (2)", "Shop flow (3)"])).toBe("Shop flow (4)");
    // A gap is used.
    expect(nextFreeName("Shop flow", ["Shop flow", "Shop flow (3)"])).toBe("Shop flow (2)");
  });

  it("counts on from a name that already has a number", () => {
    expect(nextFreeName("Shop flow (2)", ["Shop flow", "Shop flow (2)"])).toBe("Shop flow (3)");
    expect(nextFreeName("Report (2024)", ["Report (2024)"])).toBe("Report (2025)");
  });

  it("is case-sensitive, as the store is", () => {
    expect(nextFreeName("shop", ["Shop"])).toBe("shop");
  });

  it("stays within the longest name a design may have", () => {
    const long = "x".repeat(MAX_DESIGN_NAME);
    const next = nextFreeName(long, [long]);
    expect(next).toHaveLength(MAX_DESIGN_NAME);
    expect(next.endsWith(" (2)")).toBe(true);
  });
});
