import { describe, expect, it } from "vitest";
import { can, roleOn, type Principal } from "./permissions";

const user = (grants: Principal["grants"]): Principal => ({ id: "u", name: "u", local: false, grants });

describe("roles per cluster", () => {
  it("admin on dev and viewer on prod: applies on dev only, reads both", () => {
    const p = user([{ clusterId: "dev", role: "admin" }, { clusterId: "prod", role: "viewer" }]);
    expect(can(p, "designs:apply", "dev")).toBe(true);
    expect(can(p, "designs:apply", "prod")).toBe(false);
    expect(can(p, "clusters:read", "prod")).toBe(true);
    expect(can(p, "messages:read", "prod")).toBe(false);
    expect(can(p, "clusters:read", "other")).toBe(false);
    // Managing clusters and users needs admin on every cluster, not on one.
    expect(can(p, "clusters:manage", null)).toBe(false);
    expect(can(p, "designs:write", null)).toBe(true);
  });

  it("each role holds the permissions of the roles before it", () => {
    const op = user([{ clusterId: null, role: "operator" }]);
    expect(["clusters:read", "messages:read", "messages:write", "offsets:write"].every((x) => can(op, x as never, "c"))).toBe(true);
    expect(can(op, "designs:write", "c")).toBe(false);
    const ed = user([{ clusterId: null, role: "editor" }]);
    expect(can(ed, "designs:write", "c") && can(ed, "alerts:write", "c") && !can(ed, "designs:apply", "c") && !can(ed, "topics:write", "c")).toBe(true);
    const admin = user([{ clusterId: null, role: "admin" }]);
    expect(can(admin, "users:manage", null) && can(admin, "audit:read", null) && can(admin, "designs:apply", "any")).toBe(true);
  });

  it("the higher of a cluster grant and an every-cluster grant wins; no grant is no access", () => {
    expect(roleOn(user([{ clusterId: null, role: "viewer" }, { clusterId: "dev", role: "editor" }]), "dev")).toBe("editor");
    expect(roleOn(user([{ clusterId: null, role: "admin" }, { clusterId: "dev", role: "viewer" }]), "dev")).toBe("admin");
    expect(can(user([]), "clusters:read", null)).toBe(false);
    expect(can({ id: "local", name: "local", local: true, grants: [] }, "users:manage", null)).toBe(true);
  });
});
