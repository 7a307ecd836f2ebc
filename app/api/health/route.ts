import { z } from "zod";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
// Liveness for scripts and tests: answers once the server is up.
export const GET = guardedRoute({ name: "health", input: z.object({}), permission: "public" }, async () => ({ ok: true }));
