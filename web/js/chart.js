// The timeline chart: hand-written SVG, with a table as its text alternative.
import { api, h, formatDay } from "./util.js";

/**
 * Fetches a timeline of `params` counted per period. With interval "auto" it asks per month first and,
 * when that gives only a few periods, asks again per week or day (one request, at most two).
 */
export async function fetchTimeline(params, interval = "auto") {
  if (interval !== "auto") return { interval, buckets: (await api("/timeline", { ...params, interval, limit: 1000 })).items };
  const months = (await api("/timeline", { ...params, interval: "month", limit: 1000 })).items;
  if (months.length > 6) return { interval: "month", buckets: months };
  const finer = months.length <= 2 ? "day" : "week";
  return { interval: finer, buckets: (await api("/timeline", { ...params, interval: finer, limit: 1000 })).items };
}

const SERIES = [
  { key: "articles", label: "Articles", kind: "bar" },
  { key: "articles_imprecise", label: "Articles dated only more coarsely (may fall in the period)", kind: "bar-light" },
  { key: "measures_announced", label: "Measures announced", kind: "mark-announced" },
  { key: "measures_in_force", label: "Measures coming into force", kind: "mark-inforce" },
  { key: "measures_active", label: "Measures in force (at the period's end)", kind: "line" },
];

function label(bucket, interval) {
  if (interval === "month") return formatDay(bucket.start.slice(0, 7));
  if (interval === "week") return `week of ${formatDay(bucket.start)}`;
  return formatDay(bucket.start);
}

/**
 * The chart as a <figure>: an SVG (role img, named by its caption) and a table of the same numbers.
 * `onPick(bucket)`, when given, makes each period a button that filters to it.
 */
export function timelineChart({ buckets, interval }, { title, onPick } = {}) {
  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
  const caption = h("figcaption", { id: `${id}-cap` }, title || "Timeline", ` (per ${interval})`);
  if (!buckets.length) {
    return h("figure", { class: "chart" }, caption, h("p", { class: "empty" }, "Nothing dated matches, so there is no timeline to draw."));
  }
  const W = 720, H = 240, left = 36, right = 12, top = 12, bottom = 34;
  const highest = Math.max(1, ...buckets.map((b) => Math.max(b.articles + b.articles_imprecise, b.measures_active, b.measures_announced, b.measures_in_force)));
  const tick = tickStep(highest);
  const max = Math.ceil(highest / tick) * tick;
  const step = (W - left - right) / buckets.length;
  const y = (v) => top + (H - top - bottom) * (1 - v / max);
  // An image, named by the caption and described by a summary; a group when its periods are buttons (the
  // children of an image are hidden from assistive technology).
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, role: onPick ? "group" : "img", "aria-labelledby": `${id}-cap`,
    "aria-describedby": `${id}-desc`, class: "timeline" },
    h("desc", { id: `${id}-desc` }, summary(buckets, interval)));
  for (let t = 0; t <= max; t += tick) {
    svg.append(h("line", { x1: left, x2: W - right, y1: y(t), y2: y(t), class: "grid" }),
      h("text", { x: left - 6, y: y(t) + 4, class: "axis", "text-anchor": "end" }, t));
  }
  const labelEvery = Math.ceil(buckets.length / 8);
  const points = [];
  buckets.forEach((b, i) => {
    const x = left + i * step, bw = Math.max(2, step * 0.62), bx = x + (step - bw) / 2;
    const g = h("g", { class: "period" },
      h("title", {}, `${label(b, interval)}: ${b.articles} articles (+${b.articles_imprecise} dated more coarsely), ` +
        `${b.measures_announced} measures announced, ${b.measures_in_force} coming into force, ${b.measures_active} in force`));
    const total = b.articles + b.articles_imprecise;
    if (b.articles_imprecise) g.append(h("rect", { x: bx, width: bw, y: y(total), height: y(b.articles) - y(total), class: "bar-light" }));
    if (b.articles) g.append(h("rect", { x: bx, width: bw, y: y(b.articles), height: y(0) - y(b.articles), class: "bar" }));
    if (b.measures_announced) g.append(h("path", { d: `M${x + step / 2 - 5},${y(b.measures_announced) + 4} l5,-9 l5,9 z`, class: "mark-announced" }));
    if (b.measures_in_force) g.append(h("circle", { cx: x + step / 2, cy: y(b.measures_in_force), r: 4.5, class: "mark-inforce" }));
    if (onPick) {
      const hit = h("rect", { x, width: step, y: top, height: H - top - bottom, class: "hit", tabindex: 0, role: "button",
        "aria-label": `Show ${label(b, interval)}` });
      hit.addEventListener("click", () => onPick(b));
      hit.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onPick(b); } });
      g.append(hit);
    }
    svg.append(g);
    points.push(`${x + step / 2},${y(b.measures_active)}`);
    if (i % labelEvery === 0) {
      const text = interval === "month" ? formatDay(b.start.slice(0, 7)) : formatDay(b.start).replace(/ \d{4}$/, "");
      svg.append(h("text", { x: x + step / 2, y: H - bottom + 16, class: "axis", "text-anchor": "middle" }, text));
    }
  });
  svg.append(h("polyline", { points: points.join(" "), class: "line" }));
  svg.append(h("line", { x1: left, x2: W - right, y1: y(0), y2: y(0), class: "baseline" }));
  const legend = h("ul", { class: "legend", "aria-hidden": "true" },
    SERIES.map((s) => h("li", {}, h("span", { class: `key ${s.kind}` }), s.label)));
  const table = h("table", {},
    h("caption", {}, "The chart's numbers"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Period"), SERIES.map((s) => h("th", { scope: "col" }, s.label)))),
    h("tbody", {}, buckets.map((b) => h("tr", {}, h("th", { scope: "row" }, label(b, interval)), SERIES.map((s) => h("td", {}, b[s.key]))))));
  return h("figure", { class: "chart" }, caption, svg, legend,
    h("details", { class: "table-alt" }, h("summary", {}, "Show the chart as a table"), h("div", { class: "scroll" }, table)));
}

function summary(buckets, interval) {
  const articles = buckets.reduce((n, b) => n + b.articles, 0);
  const peak = buckets.reduce((a, b) => (b.articles > a.articles ? b : a), buckets[0]);
  const last = buckets[buckets.length - 1];
  return `${buckets.length} periods per ${interval} from ${formatDay(buckets[0].start)} to ${formatDay(last.end)}; ` +
    `${articles} articles dated to the ${interval} or more precisely, most in ${label(peak, interval)} (${peak.articles}); ` +
    `${last.measures_active} measures in force at the end.`;
}

/** A whole, round step (1, 2, 2.5 or 5 times a power of ten) giving about four gridlines up to `max`. */
function tickStep(max) {
  const raw = max / 4, magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((step) => step >= raw && Number.isInteger(step)) || 1;
}
