// The page skeleton shown at once while a page reads its data (designs, users, the audit log, a topic, …): the
// header and navigation are already there, and the page streams in when its data is ready. Each such route's
// loading.tsx re-exports it. The cluster overview (topic list) and the consumer groups list have none: they
// come with their first rows within a bounded wait (server/*/…-page-reads.ts), and a Suspense fallback there would
// hold rows that are ready back by React's reveal throttle (300 ms after the first paint: measured 990 ms to the
// first group row with it, 600 ms without, on 2 cores).
export default function PageLoading() {
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-line" />
      <div className="skeleton skeleton-line short" />
      <span className="visually-hidden">Loading…</span>
    </div>
  );
}
