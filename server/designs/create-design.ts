import "server-only";
import type { z } from "zod";
import { autoLayout } from "@/lib/designs/auto-layout";
import type { createDesignInputSchema } from "@/lib/designs/design-inputs";
import { emptyTopology, type Layout, type Topology } from "@/lib/designs/design-schema";
import type { DesignView } from "@/lib/designs/design-views";
import { exampleTopology } from "@/lib/designs/example-design";
import { AppError } from "@/lib/errors/app-error";
import type { Principal } from "@/lib/auth/permissions";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { prisma } from "@/server/db/prisma";
import { findDesign, toDesignView } from "./design-records";

/** Creates a design with its first revision. Nodes without a position are laid out automatically. */
export async function createDesign(
  input: z.output<typeof createDesignInputSchema>,
  principal: Principal,
  summary?: string,
): Promise<DesignView> {
  let topology: Topology;
  let layout: Layout | undefined;
  if (input.from.kind === "blank") topology = emptyTopology();
  else if (input.from.kind === "example") topology = exampleTopology();
  else {
    topology = input.from.topology;
    layout = input.from.layout;
  }
  const missing = topology.nodes.some((n) => !layout?.positions[n.id]);
  if (missing) layout = { positions: { ...autoLayout(topology), ...(layout?.positions ?? {}) } };

  if (input.clusterId && !(await prisma.cluster.findUnique({ where: { id: input.clusterId } }))) {
    throw new AppError("NOT_FOUND", { userMessage: "The cluster to bind the design to does not exist." });
  }
  const created = await auditedTransaction(async (tx) => {
    const d = await tx.design.create({
      data: { name: input.name, clusterId: input.clusterId, topology: JSON.stringify(topology), layout: JSON.stringify(layout ?? { positions: {} }), version: 1 },
    });
    await tx.designRevision.create({
      data: {
        designId: d.id,
        number: 1,
        topology: d.topology,
        summary: summary ?? (input.from.kind === "example" ? "Created from the example" : input.from.kind === "blank" ? "Created" : "Imported"),
        createdBy: principal.name,
      },
    });
    return d;
  });
  return toDesignView(await findDesign(created.id));
}
