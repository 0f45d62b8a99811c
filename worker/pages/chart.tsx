// A horizontal grouped bar chart drawn on the server as SVG: no script, no library. Each bar
// carries its value as text, the svg has a title and a description that lists every value,
// and colours come from CSS classes (the CSP allows no inline style). Two drawings of the same
// figures: a wide one (labels left of the bars) and a narrow one for phones (each label above
// its bars, drawn at the phone's own width so no text is scaled down or cut off); the
// stylesheet shows one of them, so a screen reader meets only one.

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
/** The narrow drawing: a 390 px phone's content width, so it is drawn 1:1 there. */
const NARROW = 340;
const NARROW_VALUE = 86;
const LINE = 15;
const LINE_CHARS = 42;
const LABEL = 230;
const VALUE = 100;
const BAR = 16;
const GAP = 4;
const GROUP_GAP = 14;
const TOP = 8;

function shorten(text: string, max = 34): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A label in at most two lines of about LINE_CHARS characters, cut at a word. */
function lines(text: string): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest && out.length < 2) {
    if (rest.length <= LINE_CHARS) {
      out.push(rest);
      rest = "";
      break;
    }
    const cut = rest.lastIndexOf(" ", LINE_CHARS);
    const at = cut > LINE_CHARS / 2 ? cut : LINE_CHARS;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trim();
  }
  if (rest) out[1] = shorten(`${out[1]} ${rest}`, LINE_CHARS);
  return out;
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
  const narrowGroups = groups.map((g) => ({ g, label: lines(g.label) }));
  const narrowHeight =
    TOP * 2 +
    narrowGroups.reduce((h, n) => h + n.label.length * LINE + 4 + groupHeight, 0) +
    (groups.length - 1) * GROUP_GAP;
  const narrowScale = (v: number) => Math.max(v > 0 ? 1 : 0, Math.round((v / max) * (NARROW - NARROW_VALUE)));
  let cursor = TOP;
  const narrowRows = narrowGroups.map(({ g, label }) => {
    const top = cursor;
    const barsTop = top + label.length * LINE + 4;
    cursor = barsTop + groupHeight + GROUP_GAP;
    return (
      <g>
        <title>{g.label}</title>
        {label.map((line, k) => (
          <text x={0} y={top + (k + 1) * LINE - 3} class="label">
            {line}
          </text>
        ))}
        {series.map((s, k) => {
          const v = g.values[k];
          const by = barsTop + k * (BAR + GAP);
          const w = narrowScale(v ?? 0);
          return (
            <>
              <rect class={s.className} x={0} y={by} width={w} height={BAR} />
              <text x={w + 5} y={by + BAR - 4}>
                {v === undefined ? "—" : format(v)}
              </text>
            </>
          );
        })}
      </g>
    );
  });
  return (
    <figure class="chart" id={id} tabindex={0} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {legend}
      <svg
        class="chart wide"
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
      <svg
        class="chart narrow"
        viewBox={`0 0 ${NARROW} ${narrowHeight}`}
        role="img"
        aria-labelledby={`${id}-narrow-title ${id}-narrow-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-narrow-title`}>{title}</title>
        <desc id={`${id}-narrow-desc`}>{`${desc} ${spoken}.`}</desc>
        {narrowRows}
      </svg>
    </figure>
  );
}
