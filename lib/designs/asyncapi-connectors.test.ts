import { describe, expect, it } from "vitest";
import { CONNECTORS_X } from "./asyncapi-connectors";
import { topologyToAsyncApi } from "./asyncapi-export";
import { asyncApiToTopology } from "./asyncapi-import";
import { defaultNodeData, type Topology } from "./design-schema";

// Connectors are not an AsyncAPI concept: they travel in x-topiary-connectors and come back on import.

const design: Topology = {
  nodes: [
    { id: "src", kind: "sourceConnector", data: { ...defaultNodeData("sourceConnector"), name: "files-in", connectorClass: "FileStreamSource", config: { file: "${secret:in-path}" } } },
    { id: "topic-lines", kind: "topic", data: { ...defaultNodeData("topic"), name: "lines" } },
    { id: "snk", kind: "sinkConnector", data: { ...defaultNodeData("sinkConnector"), name: "files-out", connectorClass: "FileStreamSink", connectCluster: "main", config: { file: "/out" } } },
    { id: "group-a", kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId: "a" } },
  ],
  edges: [
    { id: "e1", source: "src", target: "topic-lines" },
    { id: "e2", source: "topic-lines", target: "snk" },
    { id: "e3", source: "topic-lines", target: "group-a" },
  ],
};

describe("connectors in AsyncAPI", () => {
  it("are left out of channels and operations and carried whole in an extension; import puts them back exactly", () => {
    const doc = topologyToAsyncApi("flow", design);
    expect(Object.keys(doc.operations as object)).toHaveLength(1);
    expect(JSON.stringify(doc.operations)).not.toContain("files-");
    expect(doc[CONNECTORS_X]).toEqual([
      { id: "src", kind: "sourceConnector", data: design.nodes[0].data, edges: [{ id: "e1", source: "src", target: "topic-lines" }] },
      { id: "snk", kind: "sinkConnector", data: design.nodes[2].data, edges: [{ id: "e2", source: "topic-lines", target: "snk" }] },
    ]);
    const back = asyncApiToTopology(JSON.parse(JSON.stringify(doc)));
    expect(back.warnings).toEqual([]);
    const byId = (t: Topology) => [...t.nodes].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(back.topology)).toEqual(byId(design));
    expect(back.topology.edges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(["src>topic-lines", "topic-lines>group-a", "topic-lines>snk"]);
  });

  it("skips what it cannot take, and says so", () => {
    const doc = topologyToAsyncApi("flow", design) as Record<string, unknown>;
    doc[CONNECTORS_X] = [{ id: "bad id!", kind: "sinkConnector", data: {} }, { id: "x", kind: "sinkConnector", data: { name: "x" }, edges: [{ source: "nowhere", target: "x" }] }];
    const back = asyncApiToTopology(doc);
    expect(back.topology.nodes.map((n) => n.id)).toContain("x");
    expect(back.warnings).toEqual([expect.stringMatching(/has no valid id, kind or data/), expect.stringMatching(/Connector "x": a connection to a node the document does not have/)]);
    expect(asyncApiToTopology({ ...doc, [CONNECTORS_X]: "nope" }).warnings).toEqual([`${CONNECTORS_X} is not a list and was ignored`]);
  });
});
