/**
 * Charts as inline SVG for the HTML preview: pie, doughnut, column and bar, drawn by hand so the
 * page needs no script and no network. Text is in the page's fonts; values are labelled as given.
 */
import type { ChartSpec } from '@juesuan/core';

const PALETTE = ['#4472c4', '#ed7d31', '#a5a5a5', '#ffc000', '#5b9bd5', '#70ad47', '#264478', '#9e480e'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number as a chart label: up to two decimals, grouped. */
function label(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
}

export function chartSvg(chart: ChartSpec): string {
  const body = chart.type === 'pie' || chart.type === 'doughnut' ? pie(chart) : bars(chart);
  const title = `${chart.title}（单位：${chart.unit}）`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 640 360" role="img" ` +
    `aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>` +
    `<text x="320" y="24" text-anchor="middle" class="chart-title">${escapeXml(title)}</text>${body}</svg>`
  );
}

function pie(chart: ChartSpec): string {
  const values = (chart.series[0]?.values ?? []).map((v) => Math.max(0, v));
  const total = values.reduce((a, b) => a + b, 0);
  const cx = 200;
  const cy = 195;
  const r = 130;
  const hole = chart.type === 'doughnut' ? 65 : 0;
  const parts: string[] = [];
  let angle = -Math.PI / 2;
  values.forEach((value, i) => {
    if (total <= 0 || value <= 0) return;
    const sweep = (value / total) * Math.PI * 2;
    const color = PALETTE[i % PALETTE.length]!;
    if (sweep >= Math.PI * 2 - 1e-9) {
      parts.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${color}"/>`);
    } else {
      const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
      const [x2, y2] = [cx + r * Math.cos(angle + sweep), cy + r * Math.sin(angle + sweep)];
      const large = sweep > Math.PI ? 1 : 0;
      parts.push(
        `<path d="M${cx},${cy} L${x1.toFixed(2)},${y1.toFixed(2)} A${r},${r} 0 ${large} 1 ` +
          `${x2.toFixed(2)},${y2.toFixed(2)} Z" fill="${color}" stroke="#fff" stroke-width="1"/>`,
      );
    }
    const mid = angle + sweep / 2;
    const lr = hole ? (r + hole) / 2 : r * 0.62;
    const percent = ((value / total) * 100).toFixed(2);
    if (sweep > 0.25) {
      parts.push(
        `<text x="${(cx + lr * Math.cos(mid)).toFixed(1)}" y="${(cy + lr * Math.sin(mid)).toFixed(1)}" ` +
          `text-anchor="middle" dominant-baseline="middle" class="chart-label-inside">${percent}%</text>`,
      );
    }
    angle += sweep;
  });
  if (hole) parts.push(`<circle cx="${cx}" cy="${cy}" r="${hole}" fill="#fff"/>`);
  const legend = chart.categories.map((category, i) => {
    const y = 90 + i * 24;
    const value = values[i] ?? 0;
    const percent = total > 0 ? ` ${((value / total) * 100).toFixed(2)}%` : '';
    return (
      `<rect x="370" y="${y - 11}" width="14" height="14" fill="${PALETTE[i % PALETTE.length]}"/>` +
      `<text x="392" y="${y}" class="chart-label">${escapeXml(category)} ${label(value)}${percent}</text>`
    );
  });
  return parts.join('') + legend.join('');
}

function bars(chart: ChartSpec): string {
  const horizontal = chart.type === 'bar';
  const series = chart.series;
  const all = series.flatMap((s) => s.values);
  const max = Math.max(0, ...all);
  const min = Math.min(0, ...all);
  const span = max - min || 1;
  const plot = { left: horizontal ? 170 : 60, right: 610, top: 50, bottom: horizontal ? 330 : 290 };
  const n = Math.max(1, chart.categories.length);
  const parts: string[] = [];
  const band = ((horizontal ? plot.bottom - plot.top : plot.right - plot.left) / n) * 1;
  const barSize = (band * 0.7) / Math.max(1, series.length);
  const scale = (v: number) =>
    horizontal
      ? plot.left + ((v - min) / span) * (plot.right - plot.left)
      : plot.bottom - ((v - min) / span) * (plot.bottom - plot.top);
  const zero = scale(0);
  parts.push(
    horizontal
      ? `<line x1="${zero}" y1="${plot.top}" x2="${zero}" y2="${plot.bottom}" class="chart-axis"/>`
      : `<line x1="${plot.left}" y1="${zero}" x2="${plot.right}" y2="${zero}" class="chart-axis"/>`,
  );
  chart.categories.forEach((category, c) => {
    const start = (horizontal ? plot.top : plot.left) + c * band + band * 0.15;
    series.forEach((s, k) => {
      const value = s.values[c] ?? 0;
      const at = scale(value);
      const offset = start + k * barSize;
      const color = PALETTE[(series.length > 1 ? k : c) % PALETTE.length];
      if (horizontal) {
        const x = Math.min(at, zero);
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${offset.toFixed(1)}" width="${Math.abs(at - zero).toFixed(1)}" ` +
            `height="${barSize.toFixed(1)}" fill="${color}"/>` +
            `<text x="${(Math.max(at, zero) + 4).toFixed(1)}" y="${(offset + barSize / 2).toFixed(1)}" ` +
            `dominant-baseline="middle" class="chart-label">${label(value)}</text>`,
        );
      } else {
        const y = Math.min(at, zero);
        parts.push(
          `<rect x="${offset.toFixed(1)}" y="${y.toFixed(1)}" width="${barSize.toFixed(1)}" ` +
            `height="${Math.abs(at - zero).toFixed(1)}" fill="${color}"/>` +
            `<text x="${(offset + barSize / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" ` +
            `class="chart-label">${label(value)}</text>`,
        );
      }
    });
    const mid = start + (band * 0.7) / 2;
    // Many categories under columns would overlap: they slant instead.
    const slant = !horizontal && n > 4;
    parts.push(
      horizontal
        ? `<text x="${plot.left - 6}" y="${mid.toFixed(1)}" text-anchor="end" dominant-baseline="middle" ` +
            `class="chart-label">${escapeXml(category)}</text>`
        : slant
          ? `<text x="${mid.toFixed(1)}" y="${plot.bottom + 14}" text-anchor="end" class="chart-label" ` +
            `transform="rotate(-30 ${mid.toFixed(1)} ${plot.bottom + 14})">${escapeXml(category)}</text>`
          : `<text x="${mid.toFixed(1)}" y="${plot.bottom + 18}" text-anchor="middle" class="chart-label">` +
            `${escapeXml(category)}</text>`,
    );
  });
  if (series.length > 1) {
    series.forEach((s, k) => {
      const x = 60 + k * 140;
      parts.push(
        `<rect x="${x}" y="340" width="12" height="12" fill="${PALETTE[k % PALETTE.length]}"/>` +
          `<text x="${x + 18}" y="351" class="chart-label">${escapeXml(s.name)}</text>`,
      );
    });
  }
  return parts.join('');
}
