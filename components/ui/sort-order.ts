/** A server-sorted table's order: the column it is sorted by, and whether descending. */
export interface SortOrder<K extends string> {
  sort: K;
  desc: boolean;
}

/**
 * The order after clicking a column's header: the same column turns around; another column starts in its own
 * natural direction (`descFirst`: counts and lags largest first, names A to Z).
 */
export function nextSortOrder<K extends string>(current: SortOrder<K>, key: K, descFirst: (key: K) => boolean): SortOrder<K> {
  return current.sort === key ? { sort: key, desc: !current.desc } : { sort: key, desc: descFirst(key) };
}
