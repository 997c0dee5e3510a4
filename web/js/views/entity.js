// Entity (#/entity/{key}): profile, its own timeline, the measures it implements and is affected by,
// the entities named with it (/graph) and its recent articles. An unknown key shows the API's suggestions.
import { api, h, route, plural, dateValue, errorBox, empty, entityLink, words, ApiError } from "../util.js";
import { fetchTimeline, timelineChart } from "../chart.js";
import { measureList } from "./measure.js";

const SHOWN = 8;

export async function entity({ args: [key], params }) {
  let e;
  try {
    e = await api(`/entities/${encodeURIComponent(key)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      const suggestions = error.problem.suggestions || [];
      return h("section", {}, h("h1", {}, `No entity called “${key}”`),
        errorBox(error, suggestions.length
          ? h("div", { class: "suggestions" }, h("h3", {}, "Did you mean"),
            h("ul", {}, suggestions.map((s) => h("li", {}, entityLink(s), " ", h("span", { class: "muted" }, words(s.type))))))
          : h("p", {}, "No similar name either. ", h("a", { href: "#/" }, "Back to the overview"), ".")));
    }
    throw error;
  }
  const interval = params.get("interval") || "auto";
  const [timeline, graph] = await Promise.all([
    fetchTimeline({ entity: e.id }, interval).catch((x) => x),
    api("/graph", { entity: e.id, limit: 16 }).catch((x) => x),
  ]);
  const section = h("section", { class: "entity-view" },
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Overview"), " › ", words(e.type)),
    h("h1", {}, e.name, " ", h("span", { class: `badge t-${e.type}` }, words(e.type))),
    e.description ? h("p", { class: "lede" }, e.description) : null,
    profile(e));
  section.append(timeline instanceof Error ? errorBox(timeline)
    : timelineChart(timeline, { title: `Articles and measures about ${e.name}`,
      onPick: (b) => { location.hash = route("/search", { entity: e.id, from: b.start, to: b.end }); } }));
  const grid = h("div", { class: "two-col" });
  grid.append(h("div", {},
    measures(e, "implementing", `Measures ${e.name} implements`, `${e.name} implements no trade measure in this corpus.`),
    measures(e, "affected", `Measures affecting ${e.name}`, `No trade measure in this corpus affects ${e.name}.`),
    (e.trade_measures.targeted || []).length ? [h("h2", {}, `Measures targeting ${e.name}`), measureList(e.trade_measures.targeted.slice(0, SHOWN), "")] : null));
  grid.append(h("div", {},
    h("h2", {}, "Named with it"), graph instanceof Error ? errorBox(graph) : coMentions(e, graph),
    h("h2", {}, "Recent articles"),
    e.recent_articles.length ? h("ul", { class: "plain" }, e.recent_articles.map((a) => h("li", {},
      h("a", { href: route(`/article/${a.id}`) }, a.title), h("div", { class: "muted" }, words(a.kind), " · ", dateValue(a.published_at)))))
      : empty(`No article names ${e.name}.`),
    e.article_count > e.recent_articles.length
      ? h("p", {}, h("a", { href: route("/search", { entity: e.id }) }, `All ${plural(e.article_count, "article")} naming ${e.name} →`))
      : e.article_count ? h("p", {}, h("a", { href: route("/search", { entity: e.id }) }, "Search within them →")) : null,
    (e.claims || []).length ? [h("h2", {}, "Disputed facts about it", " ", h("span", { class: "count" }, e.claims.length)),
      h("ul", { class: "plain" }, e.claims.slice(0, SHOWN).map((c) => h("li", {}, h("a", { href: route("/disputes", { entity: e.id, claim: c.id }) }, c.topic)))),
      e.claims.length > SHOWN ? h("p", {}, h("a", { href: route("/disputes", { entity: e.id }) }, `All ${e.claims.length} disputed facts about ${e.name} →`)) : null] : null));
  section.append(grid);
  return section;
}

/** The first measures of one role, with the count, and a link to all of them in the measures view. */
function measures(e, role, title, emptyText) {
  const all = e.trade_measures[role] || [];
  const count = e.measure_counts[role] ?? all.length;
  return [
    h("h2", {}, title, " ", h("span", { class: "count" }, count)),
    measureList(all.slice(0, SHOWN), emptyText),
    count > SHOWN ? h("p", {}, h("a", { href: route("/measures", { [role]: e.id }) }, `All ${count} →`)) : null,
  ];
}

function profile(e) {
  const rows = [
    ["Type", words(e.type)],
    ["Also called", e.aliases.length ? e.aliases.join(", ") : h("span", { class: "muted" }, "no alias")],
    ["Wikidata", e.wikidata_id ? h("a", { href: `https://www.wikidata.org/wiki/${e.wikidata_id}`, rel: "noopener noreferrer" }, e.wikidata_id) : h("span", { class: "muted" }, "not known")],
    e.codes ? ["Codes", Object.entries(e.codes).map(([k, v]) => `${k}: ${v}`).join(", ")] : null,
    ["Articles", h("a", { href: route("/search", { entity: e.id }) }, plural(e.article_count, "article"))],
  ].filter(Boolean);
  return h("dl", { class: "profile" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

/** The co-mention graph around the entity: a radial SVG (width by shared articles) and the same as a list. */
function coMentions(e, graph) {
  const nodes = graph.nodes.filter((n) => n.id !== e.id).slice(0, 12);
  if (!nodes.length) return empty(`No other entity is named in the same articles as ${e.name}.`);
  const max = Math.max(...nodes.map((n) => n.articles));
  const W = 360, R = 120, cx = W / 2, cy = W / 2;
  const svg = h("svg", { viewBox: `0 0 ${W} ${W}`, class: "graph", role: "img", "aria-label": `Entities named in the same articles as ${e.name}; the list below gives the counts` });
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    const x = cx + R * Math.cos(a), y = cy + R * Math.sin(a);
    svg.append(h("line", { x1: cx, y1: cy, x2: x, y2: y, class: "edge", "stroke-width": 1 + (5 * n.articles) / max }));
    const g = h("svg:a", { href: route(`/entity/${n.id}`), "aria-label": `${n.name}, ${plural(n.articles, "shared article")}` }, h("title", {}, `${n.name}: ${plural(n.articles, "shared article")}`),
      h("circle", { cx: x, cy: y, r: 5 + (7 * n.articles) / max, class: `node t-${n.type}` }),
      h("text", { x, y: y + (y < cy ? -16 : 24), "text-anchor": "middle", class: "node-label" }, n.name.length > 18 ? n.name.slice(0, 17) + "…" : n.name));
    svg.append(g);
  });
  svg.append(h("circle", { cx, cy, r: 16, class: `node center t-${e.type}` }),
    h("text", { x: cx, y: cy + 34, "text-anchor": "middle", class: "node-label center" }, e.name));
  return h("figure", { class: "graph-fig" }, svg,
    h("ul", { class: "co-list" }, nodes.map((n) => h("li", {}, entityLink(n), " ", h("span", { class: "count", title: "articles naming both" }, n.articles)))));
}
