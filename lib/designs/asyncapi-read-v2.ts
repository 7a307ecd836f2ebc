import { deref, entries, escapePointer, follow, isObj, kafkaBinding, nonEmpty, withTraits, type Json } from "./asyncapi-json";
import type { AsyncApiReader } from "./asyncapi-reader";

// AsyncAPI 2.6: a channel's key is its address; its operations are described from the application's side:
// `subscribe` means the application sends to the channel (others subscribe to what it sends), `publish` means it
// receives. A message's payload is read in the message's own `schemaFormat`.

export function readV2(r: AsyncApiReader, doc: Json) {
  const root = doc;
  for (const [key, raw] of entries(doc.channels)) {
    const { value: channel, pointer } = follow(root, raw, `/channels/${escapePointer(key)}`);
    if (!isObj(channel)) {
      r.warnings.push(`Channel "${key}" is not an object and was skipped`);
      continue;
    }
    const kafka = kafkaBinding(root, channel);
    const topic = r.addTopic(key, channel, { bindingTopic: nonEmpty(kafka?.topic), address: key, parameters: channel.parameters }, kafka);
    for (const [field, direction] of [["subscribe", "send"], ["publish", "receive"]] as const) {
      const found = deref(root, channel[field]);
      if (!isObj(found)) continue;
      const op = withTraits(root, found);
      const opKey = nonEmpty(op.operationId) ?? `${key}.${field}`;
      const messages = messagesOf(root, op.message, pointer && `${pointer}/${field}/message`);
      for (const m of messages) r.addContract(topic, m.message, m.pointer, `Channel "${key}", ${field} message${m.name ? ` "${m.name}"` : ""}`, m.message.schemaFormat);
      r.addOperation(opKey, direction, topic, op, messages.map((m) => m.message));
    }
  }
}

/** An operation's message, or each of its `oneOf`, with traits applied and where it is in the document. */
function messagesOf(root: unknown, message: unknown, at: string | undefined): { message: Json; pointer?: string; name?: string }[] {
  const located = follow(root, message, at);
  if (!isObj(located.value)) return [];
  const m = located.value;
  const list = Array.isArray(m.oneOf) ? m.oneOf.map((x, i) => follow(root, x, located.pointer && `${located.pointer}/oneOf/${i}`)) : [located];
  return list.flatMap((l) => {
    if (!isObj(l.value)) return [];
    const withT = withTraits(root, l.value);
    return [{ message: withT, pointer: l.pointer, name: nonEmpty(withT.name) ?? nonEmpty(withT.messageId) }];
  });
}
