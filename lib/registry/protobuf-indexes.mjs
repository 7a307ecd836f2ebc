// Confluent's message indexes name a Protobuf message type by its path in the .proto file: its position among
// the file's top-level messages, then among its parent's nested messages. Here from a codec's `messageTypes`
// (every message the text declares, fully qualified, each nested one after its parent, in declaration order).
// Plain JavaScript (types in protobuf-indexes.d.mts): the scan's worker threads load it without a build step.

const parentOf = (name) => name.slice(0, Math.max(0, name.lastIndexOf(".")));

function childrenOf(types, parent) {
  const known = new Set(types);
  return types.filter((t) => (parent === null ? !known.has(parentOf(t)) : parentOf(t) === parent));
}

/** The index path of a message type, e.g. [0] for the first top-level message; null when it is not declared. */
export function messageIndexesOf(types, messageType) {
  if (!types.includes(messageType)) return null;
  const chain = [];
  for (let t = messageType; types.includes(t); t = parentOf(t)) chain.unshift(t);
  const path = [];
  let parent = null;
  for (const t of chain) {
    path.push(childrenOf(types, parent).indexOf(t));
    parent = t;
  }
  return path;
}

/** The message type at an index path, or null when the path leads nowhere. */
export function messageTypeAt(types, indexes) {
  let parent = null;
  for (const i of indexes) {
    const next = childrenOf(types, parent)[i];
    if (next === undefined) return null;
    parent = next;
  }
  return parent;
}
