"use client";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { LagHistory } from "@/lib/lag/group-views";

const COLORS = ["#2f6fd0", "#d07a2f", "#3a9b5c", "#a04fc0", "#c0394f", "#5aa7a7", "#7d7d2f", "#555"];

/** Lag over time: the group's total and one line per topic (uPlot draws thousands of points cheaply). */
export function LagChart({ history }: { history: LagHistory }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || !history.times.length) return;
    const showTopics = history.topics.length > 1;
    const data: uPlot.AlignedData = [history.times.map((t) => t / 1000), history.total, ...(showTopics ? history.topics.map((t) => history.series[t]) : [])];
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: 260,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [0, Math.max(10, max * 1.1, min)] } },
      axes: [{}, { size: 70, values: (_u, vals) => vals.map((v) => v.toLocaleString()) }],
      series: [
        {},
        { label: "total lag", stroke: "#222", width: 2, spanGaps: false },
        ...(showTopics ? history.topics.map((t, i) => ({ label: t, stroke: COLORS[i % COLORS.length], width: 1 })) : []),
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
  }, [history]);
  if (!history.times.length) return <p className="muted">No samples in this window yet: the sampler records one every few seconds.</p>;
  return <div ref={box} className="lag-chart" data-testid="lag-chart" aria-label="Lag over time" role="img" />;
}
