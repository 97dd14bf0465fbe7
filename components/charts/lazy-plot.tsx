"use client";
import dynamic from "next/dynamic";
import type { ComponentType } from "react";

/**
 * A chart drawing (recharts, ~110 kB gzipped) loaded in the browser after the page, so it is not
 * part of any page's first-load JavaScript. Until it arrives a quiet placeholder of the same
 * height holds the space; the chart's summary and its data table (ChartFrame) are server-rendered
 * and readable at once, so nothing depends on the drawing.
 */
export function lazyPlot<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  heightClass: string,
): ComponentType<P> {
  return dynamic(load, {
    ssr: false,
    loading: () => (
      <div
        className={`${heightClass} w-full animate-pulse rounded-md bg-slate-100 dark:bg-slate-800`}
        data-testid="chart-loading"
      />
    ),
  });
}
