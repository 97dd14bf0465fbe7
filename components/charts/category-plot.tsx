"use client";
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** The bar colours, one CSS variable each (app/globals.css), lighter in dark mode. */
const COLORS = Array.from({ length: 10 }, (_, i) => `var(--chart-${i + 1})`);

/**
 * A category name on the axis as one line of text. Recharts' default tick wraps long names into
 * separate <tspan>s at spaces, which screen readers and copy-paste read run together
 * ("Utilities &contracts").
 */
export function CategoryTick({
  x,
  y,
  payload,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}) {
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill="var(--chart-axis)" className="chart-tick">
      {String(payload?.value ?? "")}
    </text>
  );
}

/** The recharts drawing of CategoryChart, loaded after the page (see lazy-plot.tsx). */
export default function CategoryPlot({
  data,
  money,
  labels: d,
}: {
  data: { name: string; value: number; color?: string | null }[];
  money: (v: number) => string;
  labels: { spending: string };
}) {
  return (
    <div className="w-full" style={{ height: Math.max(160, data.length * 34 + 20) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 0, right: 16, left: 0, bottom: 0 }}
          accessibilityLayer={false}
        >
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={150} tick={<CategoryTick />} tickLine={false} axisLine={false} />
          <Tooltip formatter={(v) => money(Number(v))} cursor={{ fill: "var(--chart-cursor)" }} />
          <Bar dataKey="value" name={d.spending} radius={[0, 3, 3, 0]} isAnimationActive={false}>
            {data.map((x, i) => (
              <Cell key={i} fill={x.color ?? COLORS[i % COLORS.length]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
