"use client";

/** Previous / "n / m" / Next under a server-paged table; nothing when there is one page. */
export function Pager({ page, pages, onPage, labels = ["Previous", "Next"] }: { page: number; pages: number; onPage: (page: number) => void; labels?: [string, string] }) {
  if (pages <= 1) return null;
  return (
    <div className="actions pager">
      <button type="button" className="secondary small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {labels[0]}
      </button>
      <span className="small">
        {page + 1} / {pages}
      </span>
      <button type="button" className="secondary small" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {labels[1]}
      </button>
    </div>
  );
}
