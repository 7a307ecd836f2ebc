import { summarize, type TopicPage, type TopicQuery, type TopicSummary } from "../clusters/topic-summary";
import { compileUserPattern } from "../text/user-pattern";

// The topic list of a big cluster (50,000 topics), kept between metadata reads: each read is diffed against it,
// so a refresh rebuilds the rows of the topics that changed and patches the name order instead of sorting it
// again, and a page of a search is read from the name order without summarizing or sorting every topic.
// Results are the same as queryTopics' (lib/clusters/topic-summary.ts) for the same topics. Pure.

interface MetadataPartition {
  replicas: number[];
  isr: number[];
}
export interface IndexedTopicMetadata<P extends MetadataPartition = MetadataPartition> {
  name: string;
  partitions: P[];
}

interface Entry<P extends MetadataPartition> {
  meta: IndexedTopicMetadata<P>;
  summary: TopicSummary;
  lower: string;
  /** Position in name order (ties of other sorts are broken by it). */
  rank: number;
}

export interface IndexChange {
  added: number;
  removed: number;
  /** Topics whose row changed (partitions, replicas or in-sync replicas). */
  changed: number;
  /** Rows summarized again: added + changed, not the whole list. */
  rebuilt: number;
}

const collator = new Intl.Collator();

const sameSummary = (a: TopicSummary, b: TopicSummary) =>
  a.partitions === b.partitions && a.replicationFactor === b.replicationFactor && a.underReplicated === b.underReplicated;

export class TopicIndex<P extends MetadataPartition = MetadataPartition> {
  private byName = new Map<string, Entry<P>>();
  /** Entries in name order (String.prototype.localeCompare's, as queryTopics sorts). */
  private ordered: Entry<P>[] = [];

  get size(): number {
    return this.byName.size;
  }

  /** The metadata of every topic, in name order. */
  metadata(): IndexedTopicMetadata<P>[] {
    return this.ordered.map((e) => e.meta);
  }

  get(name: string): IndexedTopicMetadata<P> | undefined {
    return this.byName.get(name)?.meta;
  }

  /** Replaces the topic list with a newly read one; only new and changed topics are summarized again. */
  update(topics: readonly IndexedTopicMetadata<P>[]): IndexChange {
    const seen = new Set<string>();
    const added: Entry<P>[] = [];
    let changed = 0;
    for (const meta of topics) {
      seen.add(meta.name);
      const e = this.byName.get(meta.name);
      if (!e) {
        const entry: Entry<P> = { meta, summary: summarize(meta), lower: meta.name.toLowerCase(), rank: 0 };
        this.byName.set(meta.name, entry);
        added.push(entry);
        continue;
      }
      e.meta = meta; // leaders and offsets-relevant details are always the newest
      if (!samePartitions(e.meta.partitions, e.summary)) {
        const summary = summarize(meta);
        if (!sameSummary(summary, e.summary)) {
          e.summary = summary;
          changed++;
        }
      }
    }
    let removed = 0;
    if (seen.size !== this.byName.size) {
      for (const name of this.byName.keys()) {
        if (!seen.has(name)) {
          this.byName.delete(name);
          removed++;
        }
      }
    }
    if (added.length || removed) {
      const kept = removed ? this.ordered.filter((e) => this.byName.get(e.meta.name) === e) : this.ordered;
      this.ordered = added.length ? mergeByName(kept, added.sort((a, b) => collator.compare(a.meta.name, b.meta.name))) : kept;
      for (let i = 0; i < this.ordered.length; i++) this.ordered[i].rank = i;
    }
    return { added: added.length, removed, changed, rebuilt: added.length + changed };
  }

  /** One page of the list, searched and sorted; rows are copies (the caller adds counts and groups to them). */
  query(q: TopicQuery): TopicPage {
    const test = matcher(q);
    const keep = (e: Entry<P>) => (q.includeInternal || !e.summary.internal) && test(e);
    const start = q.page * q.pageSize;
    const end = start + q.pageSize;
    const rows: TopicSummary[] = [];
    let matched = 0;
    if (q.sort === "name") {
      // Already in order: count the matches and copy only the page's.
      const n = this.ordered.length;
      for (let k = 0; k < n; k++) {
        const e = this.ordered[q.desc ? n - 1 - k : k];
        if (!keep(e)) continue;
        if (matched >= start && matched < end) rows.push({ ...e.summary });
        matched++;
      }
    } else {
      const key = q.sort;
      const dir = q.desc ? -1 : 1;
      const hits = this.ordered.filter(keep);
      matched = hits.length;
      hits.sort((a, b) => (a.summary[key] - b.summary[key]) * dir || a.rank - b.rank);
      for (const e of hits.slice(start, end)) rows.push({ ...e.summary });
    }
    return { total: this.byName.size, matched, page: q.page, pageSize: q.pageSize, topics: rows };
  }
}

/** Whether a topic's partitions still give its row (a cheap check before summarizing again). */
function samePartitions(partitions: MetadataPartition[], s: TopicSummary): boolean {
  if (partitions.length !== s.partitions) return false;
  if ((partitions[0]?.replicas.length ?? 0) !== s.replicationFactor) return false;
  let under = 0;
  for (const p of partitions) if (p.isr.length < p.replicas.length) under++;
  return under === s.underReplicated;
}

function matcher(q: TopicQuery): (e: { lower: string; meta: { name: string } }) => boolean {
  if (!q.q) return () => true;
  if (q.regex) {
    const re = compileUserPattern(q.q, { ignoreCase: true });
    return (e) => re.test(e.meta.name);
  }
  const needle = q.q.toLowerCase();
  return (e) => e.lower.includes(needle);
}

function mergeByName<T extends { meta: { name: string } }>(a: T[], b: T[]): T[] {
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = collator.compare(a[i].meta.name, b[j].meta.name) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
