"use client";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * A toolbar button that opens a small menu of rarely used actions (exports), so the toolbar keeps to one line.
 * Closes on a choice, Escape, or a press outside it.
 */
export function ToolbarMenu({ label, title, children }: { label: string; title?: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("keydown", escape);
    // The first item takes the focus, as a menu's should.
    box.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);
  return (
    <div className="toolbar-menu" ref={box}>
      <button type="button" className="secondary small" aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined} onClick={() => setOpen((o) => !o)} title={title}>
        {label} ▾
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          className="toolbar-menu-items"
          onClick={(e) => {
            if ((e.target as HTMLElement).closest('[role="menuitem"]')) setOpen(false);
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
