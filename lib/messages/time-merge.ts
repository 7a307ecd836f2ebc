// Putting a search's results from several partitions in time order, in bounded memory. Pure.
//
// Each partition is read in offset order; its messages' timestamps usually grow with the offset. A k-way merge
// hands out the message with the smallest timestamp among the partitions' first waiting messages, and only
// when every partition still being read has one waiting (else a later read could bring an earlier message).
// Each partition may hold at most `maxWaiting` messages; its reader waits for room before reading more.

export interface Timed {
  partition: number;
  timestamp: number;
  offset: string;
}

interface Lane<T> {
  items: T[];
  head: number;
  finished: boolean;
}

const before = (a: Timed, b: Timed) =>
  a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.partition !== b.partition ? a.partition < b.partition : Number(a.offset) < Number(b.offset);

export class TimeOrderedMerge<T extends Timed> {
  private readonly lanes = new Map<number, Lane<T>>();
  private roomWaiters: (() => void)[] = [];

  constructor(
    partitions: number[],
    private readonly maxWaiting: number,
  ) {
    for (const p of partitions) this.lanes.set(p, { items: [], head: 0, finished: false });
  }

  push(partition: number, items: T[]): void {
    const lane = this.lane(partition);
    for (const item of items) lane.items.push(item);
  }

  /** The partition will bring nothing more (it reached its end, or the search stopped). */
  finish(partition: number): void {
    this.lane(partition).finished = true;
  }

  waiting(partition: number): number {
    const lane = this.lane(partition);
    return lane.items.length - lane.head;
  }

  hasRoom(partition: number): boolean {
    return this.waiting(partition) < this.maxWaiting;
  }

  /** Resolves once the partition has room again (at once when it has). */
  async room(partition: number): Promise<void> {
    while (!this.hasRoom(partition)) await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  /** Up to `max` messages that are certain to be next in time order. */
  take(max: number): T[] {
    const out: T[] = [];
    while (out.length < max) {
      let best: Lane<T> | null = null;
      let blocked = false;
      for (const lane of this.lanes.values()) {
        if (lane.head < lane.items.length) {
          if (!best || before(lane.items[lane.head], best.items[best.head])) best = lane;
        } else if (!lane.finished) {
          blocked = true;
          break;
        }
      }
      if (blocked || !best) break;
      out.push(best.items[best.head]);
      best.head++;
      // Drop what was handed out now and then, so a long search does not keep it.
      if (best.head > 1024 && best.head * 2 > best.items.length) {
        best.items = best.items.slice(best.head);
        best.head = 0;
      }
    }
    if (out.length) this.wake();
    return out;
  }

  private wake() {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of waiters) w();
  }

  private lane(partition: number): Lane<T> {
    const lane = this.lanes.get(partition);
    if (!lane) throw new Error(`partition ${partition} is not part of this merge`);
    return lane;
  }
}

/** The newest `size` items by timestamp (a bounded min-heap), handed out oldest first. */
export class NewestItems<T extends Timed> {
  private readonly heap: T[] = [];

  constructor(private readonly size: number) {}

  add(item: T): void {
    const h = this.heap;
    if (h.length < this.size) {
      h.push(item);
      this.up(h.length - 1);
    } else if (this.size > 0 && before(h[0], item)) {
      h[0] = item;
      this.down(0);
    }
  }

  get count(): number {
    return this.heap.length;
  }

  sorted(): T[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  private up(i: number) {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private down(i: number) {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l], h[m])) m = l;
      if (r < h.length && before(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}

/**
 * How many of its newest messages each partition contributes to a "latest N" read: each up to N (so the N
 * newest by time are among them) while the total stays within `readCap`; beyond it, N shared out evenly.
 * `available` is each partition's message count (end − start). The result never asks more than is there.
 */
export function latestWindows(available: number[], count: number, readCap: number): number[] {
  const full = available.map((a) => Math.min(a, count));
  if (full.reduce((s, n) => s + n, 0) <= readCap) return full;
  // Even shares; what a small partition cannot give goes to the others.
  const out = available.map(() => 0);
  let left = Math.min(count, available.reduce((s, n) => s + n, 0));
  let open = available.map((_, i) => i).filter((i) => available[i] > 0);
  while (left > 0 && open.length) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      if (left === 0) break;
      const give = Math.min(share, available[i] - out[i], left);
      out[i] += give;
      left -= give;
    }
    open = open.filter((i) => out[i] < available[i]);
  }
  return out;
}
