import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartSpec } from './chart-data.js';

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** A chart drawn by Chart.js, loaded on first use; redrawn when the theme changes. */
export function ChartView({ spec, theme }: { spec: ChartSpec; theme: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let destroy: (() => void) | undefined;
    let cancelled = false;
    import('./chart-setup.js')
      .then(({ drawChart }) => {
        if (cancelled || !canvas.current) return;
        destroy = drawChart(canvas.current, spec, {
          palette: [1, 2, 3, 4, 5, 6].map((i) => cssVar(`--chart-${i}`, '#4f7df3')),
          text: cssVar('--fg-muted', '#555'),
          grid: cssVar('--border', '#ddd'),
        });
      })
      .catch((error: unknown) => setFailed(String(error)));
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [spec, theme]);
  if (failed) return <p class="muted">chart unavailable: {failed}</p>;
  return (
    <figure class="chart" data-chart-kind={spec.kind}>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={spec.title ?? `${spec.kind} chart`} />
      </div>
    </figure>
  );
}
