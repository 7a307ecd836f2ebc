import { listDesignsDef } from "@/server/designs/design-page-reads";
import { listDesigns } from "@/server/designs/manage-design";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";
export const GET = guardedRoute(listDesignsDef, (_, { principal }) => listDesigns(principal));
