/// <reference lib="webworker" />
// The auto layout (dagre) in a module worker: a 1,000-node design takes a second or more to lay out, which on
// the main thread would freeze the tab (issue 16, item 3). It gets the graph with each node's height (the
// designer measures contracts, so this bundle is dagre alone) and answers with the positions.
import { layeredLayout } from "@/lib/designs/layered-layout";
import type { LayoutRequest, LayoutResponse } from "./layout-client";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<LayoutRequest>) => {
  const { id, graph } = e.data;
  let answer: LayoutResponse;
  try {
    answer = { id, ok: true, positions: layeredLayout(graph) };
  } catch (err) {
    answer = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(answer);
};
