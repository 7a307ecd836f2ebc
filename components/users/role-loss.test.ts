import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { lowersAdminEverywhere, roleLoss } from "./role-loss";

const user = (username: string, grants: { clusterId: string | null; role: Role }[], disabled = false) => ({ id: `id-${username}`, username, disabled, grants });
const ADMIN_EVERYWHERE = { clusterId: null, role: "admin" as const };

describe("roleLoss", () => {
  const ann = user("ann", [ADMIN_EVERYWHERE]);
  const bob = user("bob", [ADMIN_EVERYWHERE, { clusterId: "c1", role: "viewer" }]);

  it("calls your own admin role on every cluster by name when another admin remains", () => {
    expect(roleLoss("ann", ann, ADMIN_EVERYWHERE, [ann, bob])).toBe("own-admin-everywhere");
  });

  it("says the last admin on every cluster cannot go, whoever looks (as the server refuses it)", () => {
    expect(roleLoss("ann", ann, ADMIN_EVERYWHERE, [ann])).toBe("last-admin");
    // A disabled admin does not count as the one who remains.
    expect(roleLoss("ann", ann, ADMIN_EVERYWHERE, [ann, user("bob", [ADMIN_EVERYWHERE], true)])).toBe("last-admin");
    // An admin on one cluster only does not either.
    expect(roleLoss("ann", ann, ADMIN_EVERYWHERE, [ann, user("bob", [{ clusterId: "c1", role: "admin" }])])).toBe("last-admin");
  });

  it("tells your other roles from someone else's", () => {
    expect(roleLoss("bob", bob, { clusterId: "c1", role: "viewer" }, [ann, bob])).toBe("own");
    expect(roleLoss("ann", bob, { clusterId: "c1", role: "viewer" }, [ann, bob])).toBe("other");
    expect(roleLoss("ann", bob, ADMIN_EVERYWHERE, [ann, bob])).toBe("other");
    // Nobody signed in (sign-in turned off): never "your own".
    expect(roleLoss(undefined, bob, ADMIN_EVERYWHERE, [ann, bob])).toBe("other");
  });
});

describe("lowersAdminEverywhere", () => {
  it("is true only for a lesser role on every cluster over an admin role on every cluster", () => {
    const ann = user("ann", [ADMIN_EVERYWHERE]);
    expect(lowersAdminEverywhere(ann, null, "viewer")).toBe(true);
    expect(lowersAdminEverywhere(ann, null, "admin")).toBe(false);
    expect(lowersAdminEverywhere(ann, "c1", "viewer")).toBe(false);
    expect(lowersAdminEverywhere(user("bob", [{ clusterId: "c1", role: "admin" }]), null, "viewer")).toBe(false);
  });
});
