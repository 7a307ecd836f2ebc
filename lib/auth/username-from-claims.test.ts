import { describe, expect, it } from "vitest";
import { displayNameFromClaims, usernameFromClaims } from "./username-from-claims";

// The local user name rules (lib/auth/user-schemas.ts).
const LOCAL_RULES = /^[A-Za-z0-9._@-]{2,64}$/;

describe("usernameFromClaims", () => {
  it("prefers preferred_username, then email", () => {
    expect(usernameFromClaims({ sub: "1", preferred_username: "ada", email: "ada@example.com" })).toBe("ada");
    expect(usernameFromClaims({ sub: "1", email: "ada@example.com" })).toBe("ada@example.com");
  });

  it("turns what the local rules refuse into dashes and accents into letters", () => {
    expect(usernameFromClaims({ sub: "1", preferred_username: "Zoë Ångström" })).toBe("Zoe-Angstrom");
    expect(usernameFromClaims({ sub: "1", preferred_username: "CORP\\jdoe" })).toBe("CORP-jdoe");
  });

  it("falls back to a stand-in when nothing usable is given", () => {
    expect(usernameFromClaims({ sub: "1" })).toBe("sso-user");
    expect(usernameFromClaims({ sub: "1", preferred_username: "名" })).toBe("sso-user");
    expect(usernameFromClaims({ sub: "1", preferred_username: 42 })).toBe("sso-user");
  });

  it("adds a suffix for later attempts and always passes the user name rules", () => {
    const long = "x".repeat(200);
    for (const name of [usernameFromClaims({ sub: "1", preferred_username: long }, 17), usernameFromClaims({ sub: "1", email: "a@b" }, 2)]) {
      expect(name).toMatch(LOCAL_RULES);
    }
    expect(usernameFromClaims({ sub: "1", preferred_username: "ada" }, 2)).toBe("ada-2");
  });
});

describe("displayNameFromClaims", () => {
  it("uses the provider's name, else the user name", () => {
    expect(displayNameFromClaims({ sub: "1", name: "Ada Lovelace" }, "ada")).toBe("Ada Lovelace");
    expect(displayNameFromClaims({ sub: "1" }, "ada")).toBe("ada");
  });
});
