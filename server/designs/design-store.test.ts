import { describe, expect, it } from "vitest";
import {
  createDesignAction,
  deleteDesignAction,
  duplicateDesignAction,
  importDesignFileAction,
  renameDesignAction,
  restoreRevisionAction,
  saveLayoutAction,
  saveTopologyAction,
} from "@/server/actions/design-actions";
import { unwrap } from "@/lib/errors/action-result";
import type { Topology } from "@/lib/designs/design-schema";
import { prisma } from "@/server/db/prisma";
import { unique } from "@/server/test-support/fixtures";
import { getDesign, listDesigns } from "./manage-design";
import { compareRevisions, listRevisions } from "./revisions";

const withTopic = (t: Topology, name: string): Topology => ({
  ...t,
  nodes: [...t.nodes, { id: name.replace(/\W/g, "_"), kind: "topic", data: { name, partitions: 3, replicationFactor: 1, configs: {}, description: "", deleteOnApply: false } }],
});

describe("designs in the store (real SQLite)", () => {
  it("creates from the example with a first revision and a laid-out canvas", async () => {
    const d = unwrap(await createDesignAction({ name: unique("shop"), from: { kind: "example" } }));
    expect(d.version).toBe(1);
    expect(d.topology.nodes.length).toBeGreaterThan(5);
    expect(Object.keys(d.layout.positions).sort()).toEqual(d.topology.nodes.map((n) => n.id).sort());
    expect(await listRevisions(d.id)).toEqual([expect.objectContaining({ number: 1, summary: "Created from the example" })]);
    expect((await listDesigns({ id: "local", name: "local user", local: true, grants: [] })).some((s) => s.id === d.id)).toBe(true);
  });

  it("adds a revision per topology change, none for an unchanged save or a layout move", async () => {
    const d = unwrap(await createDesignAction({ name: unique("rev"), from: { kind: "blank" } }));
    const s1 = unwrap(await saveTopologyAction({ id: d.id, baseVersion: 1, topology: withTopic(d.topology, "a.b") }));
    expect(s1).toEqual({ version: 2, changed: true, summary: "1 node added" });
    const again = unwrap(await saveTopologyAction({ id: d.id, baseVersion: 2, topology: withTopic(d.topology, "a.b") }));
    expect(again).toMatchObject({ version: 2, changed: false });
    unwrap(await saveLayoutAction({ id: d.id, layout: { positions: { a_b: { x: 500, y: 40 } } } }));
    const after = await getDesign(d.id);
    expect(after.version).toBe(2);
    expect(after.layout.positions.a_b).toEqual({ x: 500, y: 40 });
    expect((await listRevisions(d.id)).map((r) => r.number)).toEqual([2, 1]);
  });

  it("refuses a save from a stale tab and keeps the newer topology", async () => {
    const d = unwrap(await createDesignAction({ name: unique("tabs"), from: { kind: "blank" } }));
    unwrap(await saveTopologyAction({ id: d.id, baseVersion: 1, topology: withTopic(d.topology, "tab-one") }));
    const stale = await saveTopologyAction({ id: d.id, baseVersion: 1, topology: withTopic(d.topology, "tab-two") });
    expect(stale).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("changed in another tab") } });
    const now = await getDesign(d.id);
    expect(now.topology.nodes.map((n) => n.kind === "topic" && n.data.name)).toEqual(["tab-one"]);
  });

  it("compares revisions key by key and restores an older one as a new revision", async () => {
    const d = unwrap(await createDesignAction({ name: unique("restore"), from: { kind: "example" } }));
    const changed = structuredClone(d.topology);
    const orders = changed.nodes.find((n) => n.id === "orders")!;
    if (orders.kind === "topic") orders.data.configs["retention.ms"] = "3600000";
    unwrap(await saveTopologyAction({ id: d.id, baseVersion: 1, topology: changed }));
    const cmp = await compareRevisions(d.id, 1, 2);
    expect(cmp.diff.nodesChanged).toEqual([
      expect.objectContaining({ id: "orders", changes: [{ key: "configs.retention.ms", before: "604800000", after: "3600000" }] }),
    ]);
    const restored = unwrap(await restoreRevisionAction({ id: d.id, number: 1, baseVersion: 2 }));
    expect(restored).toEqual({ version: 3, changed: true, summary: "Restored revision 1" });
    expect((await getDesign(d.id)).topology).toEqual(d.topology);
  });

  it("renames, duplicates, and deletes only with the name typed back", async () => {
    const d = unwrap(await createDesignAction({ name: unique("dup"), from: { kind: "example" } }));
    const renamed = unwrap(await renameDesignAction({ id: d.id, name: `${d.name}-renamed` }));
    expect(renamed.name).toBe(`${d.name}-renamed`);
    const copy = unwrap(await duplicateDesignAction({ id: d.id }));
    expect(copy.name).toBe(`${d.name}-renamed (copy)`);
    expect((await getDesign(copy.id)).topology).toEqual(d.topology);

    expect(await deleteDesignAction({ id: d.id, confirmName: "nope" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await prisma.design.count({ where: { id: d.id } })).toBe(1);
    unwrap(await deleteDesignAction({ id: d.id, confirmName: `${d.name}-renamed` }));
    expect(await prisma.design.count({ where: { id: d.id } })).toBe(0);
    expect(await prisma.designRevision.count({ where: { designId: d.id } })).toBe(0);
    expect(await prisma.design.count({ where: { id: copy.id } })).toBe(1);
  });

  it("an import whose name is taken is refused with the next free name offered, and goes in under the name given", async () => {
    const name = unique("imported");
    const file = (n: string) => JSON.stringify({ format: "topiary-design", version: 1, name: n, topology: withTopic({ nodes: [], edges: [] }, "imp.a"), layout: { positions: {} } });
    const first = unwrap(await importDesignFileAction({ fileName: "a.topiary.json", text: file(name) }));
    expect(first.design.name).toBe(name);

    const before = await prisma.design.count({ where: { name: { startsWith: name } } });
    const again = await importDesignFileAction({ fileName: "a.topiary.json", text: file(name) });
    expect(again).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: `A design named "${name}" already exists. Import it under another name.`, fieldErrors: { suggestedName: `${name} (2)` } },
    });
    expect(await prisma.design.count({ where: { name: { startsWith: name } } })).toBe(before);

    const renamed = unwrap(await importDesignFileAction({ fileName: "a.topiary.json", text: file(name), name: `${name} (2)` }));
    expect(renamed.design.name).toBe(`${name} (2)`);
    // The name given is checked too; the offer counts on from it.
    const third = await importDesignFileAction({ fileName: "a.topiary.json", text: file(name), name: `${name} (2)` });
    expect(third).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { suggestedName: `${name} (3)` } } });
  });

  it("refuses a malformed topology naming the field", async () => {
    const d = unwrap(await createDesignAction({ name: unique("bad"), from: { kind: "blank" } }));
    const r = await saveTopologyAction({ id: d.id, baseVersion: 1, topology: { nodes: [{ id: "x", kind: "topic", data: { partitions: "many" } }], edges: [] } as never });
    expect(r).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining("topology.nodes.0.data.partitions") } });
  });
});
