// A horizontal grouped bar chart drawn on the server as SVG: no script, no library. Each bar
// carries its value as text, the svg has a title and a description that lists every value,
// and colours come from CSS classes (the CSP allows no inline style).

export interface ChartSeries {
  label: string;
  /** CSS class of the bars: bar-plan, bar-done, bar-exec. */
  className: string;
}

export interface ChartGroup {
  label: string;
  values: (number | undefined)[];
}

interface Props {
  id: string;
  title: string;
  desc: string;
  series: ChartSeries[];
  groups: ChartGroup[];
  format: (value: number) => string;
  empty: string;
}

const WIDTH = 760;
const LABEL = 230;
const VALUE = 100;
const BAR = 16;
const GAP = 4;
const GROUP_GAP = 14;
const TOP = 8;

function shorten(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function BarChart({ id, title, desc, series, groups, format, empty }: Props) {
  const max = Math.max(0, ...groups.flatMap((g) => g.values.map((v) => v ?? 0)));
  const legend = (
    <ul class="legend" aria-hidden="true">
      {series.map((s) => (
        <li class={s.className.replace("bar-", "")}>{s.label}</li>
      ))}
    </ul>
  );
  if (!groups.length || max === 0) {
    return (
      <figure class="chart" id={id}>
        <figcaption>{title}</figcaption>
        <p>{empty}</p>
      </figure>
    );
  }
  const groupHeight = series.length * (BAR + GAP) - GAP;
  const height = TOP * 2 + groups.length * groupHeight + (groups.length - 1) * GROUP_GAP;
  const area = WIDTH - LABEL - VALUE;
  const scale = (v: number) => Math.max(v > 0 ? 1 : 0, Math.round((v / max) * area));
  const spoken = groups
    .map((g) => {
      const value = (k: number) => (g.values[k] === undefined ? "—" : format(g.values[k]!));
      return `${g.label}: ${series.map((s, k) => `${s.label} ${value(k)}`).join(", ")}`;
    })
    .join("; ");
  return (
    <figure class="chart" id={id} tabindex={0} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {legend}
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`${desc} ${spoken}.`}</desc>
        <line class="axis" x1={LABEL} x2={LABEL} y1={0} y2={height} />
        {groups.map((g, gi) => {
          const y0 = TOP + gi * (groupHeight + GROUP_GAP);
          return (
            <g>
              <title>{g.label}</title>
              <text x={LABEL - 8} y={y0 + groupHeight / 2 + 4} text-anchor="end">
                {shorten(g.label)}
              </text>
              {series.map((s, k) => {
                const v = g.values[k];
                const y = y0 + k * (BAR + GAP);
                const w = scale(v ?? 0);
                return (
                  <>
                    <rect class={s.className} x={LABEL} y={y} width={w} height={BAR} />
                    <text x={LABEL + w + 6} y={y + BAR - 4}>
                      {v === undefined ? "—" : format(v)}
                    </text>
                  </>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
