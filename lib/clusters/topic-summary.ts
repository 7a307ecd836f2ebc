import { compileUserPattern } from "../text/user-pattern";
import { isInternalTopic } from "./cluster-overview";

export interface TopicSummary {
  name: string;
  partitions: number;
  replicationFactor: number;
  underReplicated: number;
  internal: boolean;
  /** Approximate message count: the sum of (end − start) offsets. Filled for the rows of the page. */
  messages?: number | null;
  /** Consumer groups with committed offsets or members on this topic. */
  groups?: string[] | null;
}

export interface TopicPage {
  total: number;
  matched: number;
  page: number;
  pageSize: number;
  topics: TopicSummary[];
}

export const TOPIC_SORTS = ["name", "partitions", "replicationFactor", "underReplicated"] as const;
export type TopicSort = (typeof TOPIC_SORTS)[number];

export interface TopicQuery {
  q: string;
  regex: boolean;
  includeInternal: boolean;
  sort: TopicSort;
  desc: boolean;
  page: number;
  pageSize: number;
}

interface MetadataTopic {
  name: string;
  partitions: { replicas: number[]; isr: number[] }[];
}

export function summarize(t: MetadataTopic): TopicSummary {
  return {
    name: t.name,
    partitions: t.partitions.length,
    replicationFactor: t.partitions[0]?.replicas.length ?? 0,
    underReplicated: t.partitions.filter((p) => p.isr.length < p.replicas.length).length,
    internal: isInternalTopic(t.name),
  };
}

/** Search (substring, case-insensitive, or a regular expression on RE2's linear-time engine), sort and page the topic list. Pure. */
export function queryTopics(topics: MetadataTopic[], q: TopicQuery): TopicPage {
  let test: (name: string) => boolean = () => true;
  if (q.q) {
    if (q.regex) {
      const re = compileUserPattern(q.q, { ignoreCase: true });
      test = (n) => re.test(n);
    } else {
      const needle = q.q.toLowerCase();
      test = (n) => n.toLowerCase().includes(needle);
    }
  }
  const rows = topics.filter((t) => (q.includeInternal || !isInternalTopic(t.name)) && test(t.name)).map(summarize);
  const dir = q.desc ? -1 : 1;
  rows.sort((a, b) => {
    const primary = q.sort === "name" ? a.name.localeCompare(b.name) : (a[q.sort] as number) - (b[q.sort] as number);
    return primary !== 0 ? primary * dir : a.name.localeCompare(b.name);
  });
  const start = q.page * q.pageSize;
  return { total: topics.length, matched: rows.length, page: q.page, pageSize: q.pageSize, topics: rows.slice(start, start + q.pageSize) };
}
