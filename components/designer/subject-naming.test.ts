import { describe, expect, it } from "vitest";
import { shopDesign } from "./design-fixture";
import { toTopology } from "./design-flow";
import { createDesignerStore } from "./designer-store";

describe("the design's subject naming in the designer store", () => {
  it("starts from the design, changes like an edit (autosave sees it), and travels with the topology", () => {
    const design = shopDesign();
    const store = createDesignerStore({ ...design, topology: { ...design.topology, subjectNaming: "RecordNameStrategy" } });
    const s = () => store.getState();
    expect(s().subjectNaming).toBe("RecordNameStrategy");
    const rev = s().topologyRev;
    s().setSubjectNaming("TopicRecordNameStrategy");
    expect(s().topologyRev).toBe(rev + 1);
    expect(toTopology(s().nodes, s().edges, { subjectNaming: s().subjectNaming }).subjectNaming).toBe("TopicRecordNameStrategy");
    s().setSubjectNaming(undefined);
    expect(toTopology(s().nodes, s().edges, { subjectNaming: s().subjectNaming })).not.toHaveProperty("subjectNaming");
    s().replaceWith({ ...design, topology: { ...design.topology, subjectNaming: "RecordNameStrategy" } });
    expect(s().subjectNaming).toBe("RecordNameStrategy");
  });
});
