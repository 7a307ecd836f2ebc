"use client";
import { useEffect, useRef, useSyncExternalStore } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { LagHistory } from "@/lib/groups/group-views";

const COLORS = ["#2f6fd0", "#d07a2f", "#3a9b5c", "#a04fc0", "#c0394f", "#5aa7a7", "#7d7d2f", "#555"];
// The same hues, lighter, for a dark page (issue 12, item 19).
const DARK_COLORS = ["#6ea2ff", "#f0a35e", "#5fc27e", "#c58af0", "#ff7b8a", "#7fd0d0", "#c8c86a", "#aaa"];

const DARK = "(prefers-color-scheme: dark)";
function subscribeScheme(onChange: () => void) {
  const q = window.matchMedia(DARK);
  q.addEventListener("change", onChange);
  return () => q.removeEventListener("change", onChange);
}
/** Whether the page is dark now, following the system setting as the style sheet does. */
function useDarkScheme(): boolean {
  return useSyncExternalStore(subscribeScheme, () => window.matchMedia(DARK).matches, () => false);
}

/** The page's own colours (globals.css), so the axes and the total read in both schemes. */
function pageColours(el: HTMLElement) {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { ink: v("--ink", "#222"), muted: v("--muted", "#666"), line: v("--line", "#ddd") };
}

/** Lag over time: the group's total and one line per topic (uPlot draws thousands of points cheaply). */
export function LagChart({ history }: { history: LagHistory }) {
  const box = useRef<HTMLDivElement>(null);
  const dark = useDarkScheme();
  useEffect(() => {
    const el = box.current;
    if (!el || !history.times.length) return;
    const showTopics = history.topics.length > 1;
    const c = pageColours(el);
    const palette = dark ? DARK_COLORS : COLORS;
    const axis = { stroke: c.muted, grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1 } };
    const data: uPlot.AlignedData = [history.times.map((t) => t / 1000), history.total, ...(showTopics ? history.topics.map((t) => history.series[t]) : [])];
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: 260,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [0, Math.max(10, max * 1.1, min)] } },
      axes: [axis, { ...axis, size: 70, values: (_u, vals) => vals.map((v) => v.toLocaleString()) }],
      series: [
        {},
        { label: "total lag", stroke: c.ink, width: 2, spanGaps: false },
        ...(showTopics ? history.topics.map((t, i) => ({ label: t, stroke: palette[i % palette.length], width: 1 })) : []),
      ],
      legend: { show: true },
    };
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, el.clientWidth), height: 260 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [history, dark]);
  if (!history.times.length) return <p className="muted">No samples in this window yet: the sampler records one every few seconds.</p>;
  return <div ref={box} className="lag-chart" data-testid="lag-chart" aria-label="Lag over time" role="img" />;
}
