/**
 * The report's charts as inline SVG, rendered on the server by ECharts (no browser, no script in
 * the page): the heatmap of calls by hour of the week, calls per day, service level by hour, and
 * outcomes. Animation is off so the SVG is the final picture.
 */
import { createRequire } from "node:module";

/** The part of ECharts used here. Its own typings do not resolve under NodeNext (extensionless paths). */
interface ServerChart {
  setOption(option: Record<string, unknown>): void;
  renderToSVGString(): string;
  dispose(): void;
}
type EChartsCoreOption = Record<string, unknown>;
const echarts = createRequire(import.meta.url)("echarts") as {
  init(dom: null, theme: null, opts: { renderer: "svg"; ssr: true; width: number; height: number }): ServerChart;
};

import type { WeeklyAnalysis } from "../analyze.ts";
import { weekdayIn } from "../findings.ts";
import { type Messages, messages, valueIn } from "../messages.ts";

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const BLUE = "#2f6db5";
const RED = "#c0392b";
const GREY = "#8a8f98";
const GREEN = "#2e8b57";

function render(width: number, height: number, option: EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const hourLabels = Array.from({ length: 24 }, (_, h) => String(h));

/** Calls by weekday × hour; each cell's label is the operators planned on shift then. */
export function heatmapChart(a: WeeklyAnalysis, m: Messages = messages("en")): string {
  const days = m.weekdays.map((d) => d.slice(0, 3));
  const data: [number, number, number][] = [];
  let max = 1;
  a.heatmap.calls.forEach((row, d) => {
    row.forEach((n, h) => {
      data.push([h, 6 - d, n]);
      max = Math.max(max, n);
    });
  });
  const staff: [number, number, number][] = [];
  a.heatmap.operatorsOnShift.forEach((row, d) => {
    row.forEach((n, h) => {
      if (n > 0) staff.push([h, 6 - d, n]);
    });
  });
  return render(900, 300, {
    title: {
      text: m.charts.heatmap,
      left: 0,
      textStyle: { fontSize: 13 },
    },
    grid: { left: 40, right: 20, top: 36, bottom: 60 },
    xAxis: { type: "category", data: hourLabels, splitArea: { show: true } },
    yAxis: { type: "category", data: [...days].reverse(), splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: 200,
      text: [m.charts.callsMax(String(max)), "0"],
      inRange: { color: ["#f4f7fb", "#9ec3ea", BLUE, "#173a66"] },
      seriesIndex: 0,
    },
    series: [
      {
        name: m.charts.calls,
        type: "heatmap",
        data,
        label: { show: false },
      },
      {
        name: m.charts.onShift,
        type: "scatter",
        data: staff,
        symbolSize: 0,
        label: {
          show: true,
          formatter: (p: { value: [number, number, number] }) => formatStaff(p.value[2]),
          fontSize: 9,
          color: "#111",
          // Readable on the darkest cells as on the lightest.
          textBorderColor: "#fff",
          textBorderWidth: 2,
        },
      },
    ],
  });
}

function formatStaff(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function callsPerDayChart(a: WeeklyAnalysis, m: Messages = messages("en")): string {
  return render(440, 280, {
    title: { text: m.charts.perDay, left: 0, textStyle: { fontSize: 13 } },
    legend: { bottom: 0 },
    grid: { left: 40, right: 10, top: 36, bottom: 50 },
    xAxis: { type: "category", data: a.callsPerDay.map((d) => weekdayIn(m, d.weekday).slice(0, 3)) },
    yAxis: { type: "value" },
    series: [
      { name: m.charts.answered, type: "bar", stack: "c", color: BLUE, data: a.callsPerDay.map((d) => d.answered) },
      { name: m.charts.abandoned, type: "bar", stack: "c", color: RED, data: a.callsPerDay.map((d) => d.abandoned) },
      {
        name: m.charts.otherQueued,
        type: "bar",
        stack: "c",
        color: "#b9c6d6",
        data: a.callsPerDay.map((d) => d.offered - d.answered - d.abandoned),
      },
      { name: m.charts.afterHours, type: "bar", stack: "c", color: GREY, data: a.callsPerDay.map((d) => d.afterHours) },
    ],
  });
}

export function serviceLevelChart(a: WeeklyAnalysis, m: Messages = messages("en")): string {
  const hours = a.serviceLevelByHour.filter((h) => h.offered > 0);
  const target = a.targets.serviceLevelTarget * 100;
  return render(440, 280, {
    title: {
      text: m.charts.serviceLevel(String(a.targets.serviceLevelSeconds)),
      left: 0,
      textStyle: { fontSize: 13 },
    },
    grid: { left: 44, right: 10, top: 36, bottom: 30 },
    xAxis: { type: "category", data: hours.map((h) => `${h.hour}h`) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
    series: [
      {
        name: m.charts.serviceLevelSeries,
        type: "bar",
        data: hours.map((h) => ({
          value: h.serviceLevel === null ? null : Math.round(h.serviceLevel * 1000) / 10,
          itemStyle: { color: (h.serviceLevel ?? 1) * 100 >= target ? GREEN : RED },
        })),
        markLine: {
          symbol: "none",
          label: { formatter: m.charts.target(String(target)), position: "insideEndTop" },
          lineStyle: { color: "#333", type: "dashed" },
          data: [{ yAxis: target }],
        },
      },
    ],
  });
}

export function outcomesChart(a: WeeklyAnalysis, m: Messages = messages("en")): string {
  return render(440, 280, {
    title: { text: m.charts.outcomes, left: 0, textStyle: { fontSize: 13 } },
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        center: ["50%", "56%"],
        label: { formatter: "{b}: {c}", fontSize: 10 },
        data: a.outcomes.map((o) => ({ name: valueIn(m, o.outcome), value: o.calls })),
      },
    ],
  });
}
