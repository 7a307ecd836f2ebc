// Planning is an editor's step; drift on the canvas is part of reading a design (issue 12: a viewer was offered
// "Plan again"). Checked on the server, where it counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as driftRoute } from "@/app/api/designs/[id]/drift/route";
import { GET as planRoute } from "@/app/api/designs/[id]/plan/route";
import { createDesignAction } from "@/server/actions/design-actions";
import { asSession, routeAs, userWithRoles, withSignInOn } from "@/server/test-support/auth";
import { makeCluster, unique } from "@/server/test-support/fixtures";

let restore: () => void;
beforeAll(() => {
  restore = withSignInOn();
});
afterAll(() => restore());

describe("who may plan", () => {
  it("a viewer sees a bound design's drift but may not plan it; an editor may", async () => {
    const c = await makeCluster();
    const editor = await userWithRoles([{ clusterId: c.id, role: "editor" }]);
    const viewer = await userWithRoles([{ clusterId: c.id, role: "viewer" }]);
    const created = await asSession(editor.token, () => createDesignAction({ name: unique("planned"), clusterId: c.id, from: { kind: "example" } }));
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.id;
    const url = (what: string) => `/api/designs/${id}/${what}`;

    const viewerPlan = await routeAs(viewer.token, planRoute, url("plan"), { id });
    expect(viewerPlan.status).toBe(403);
    expect(JSON.parse(viewerPlan.text).error.message).toContain("editor role");
    expect((await routeAs(viewer.token, driftRoute, url("drift"), { id })).status).toBe(200);
    expect((await routeAs(editor.token, planRoute, url("plan"), { id })).status).toBe(200);
  });
});
