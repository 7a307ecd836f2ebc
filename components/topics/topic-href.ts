/** The topic detail page's address. Legal topic names need no escaping; encoding keeps that true regardless. */
export function topicHref(clusterId: string, topic: string): string {
  return `/clusters/${clusterId}/topics/${encodeURIComponent(topic)}`;
}
