import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  PolarAreaController,
  RadarController,
  RadialLinearScale,
  Title,
  Tooltip,
} from 'chart.js';
import type { ChartSpec } from './chart-data.js';

// Loaded with the first chart (a separate chunk): only the chart kinds a format guide asks for.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  PolarAreaController,
  RadarController,
  RadialLinearScale,
  Title,
  Tooltip,
);

/** Colours from the page's CSS variables, so a chart follows the light or dark theme. */
export interface ChartColors {
  palette: string[];
  text: string;
  grid: string;
}

/** Draws `spec` on `canvas`; returns the function that removes it. */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, colors: ChartColors): () => void {
  const round = spec.kind === 'pie' || spec.kind === 'doughnut' || spec.kind === 'polarArea';
  const color = (i: number) => colors.palette[i % colors.palette.length] ?? '#888';
  const chart = new Chart(canvas, {
    type: spec.kind,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: round ? spec.labels.map((_, j) => color(j)) : `${color(i)}cc`,
        borderColor: round ? colors.grid : color(i),
        borderWidth: round ? 1 : 2,
        fill: spec.kind === 'radar',
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: colors.text,
      plugins: {
        legend: { display: round || spec.series.length > 1, labels: { color: colors.text } },
        title: { display: Boolean(spec.title), text: spec.title ?? '', color: colors.text },
      },
      scales:
        spec.kind === 'bar' || spec.kind === 'line'
          ? {
              x: { ticks: { color: colors.text }, grid: { color: colors.grid } },
              y: { beginAtZero: true, ticks: { color: colors.text }, grid: { color: colors.grid } },
            }
          : spec.kind === 'radar'
            ? {
                r: {
                  beginAtZero: true,
                  ticks: { color: colors.text, backdropColor: 'transparent' },
                  grid: { color: colors.grid },
                  angleLines: { color: colors.grid },
                  pointLabels: { color: colors.text },
                },
              }
            : {},
    },
  });
  return () => chart.destroy();
}
