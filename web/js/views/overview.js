// Overview (#/) and search results (#/search?q=…&entity=…): the corpus at a glance, a timeline of
// the question, and its articles with facet counts. First render: /meta, /timeline (one or two) and one
// /articles page with its facets, all at once.
import { api, h, route, plural, formatDay, dateValue, highlighted, errorBox, empty, entityLink, words } from "../util.js";
import { fetchTimeline, timelineChart } from "../chart.js";

const PAGE = 10;
const FILTERS = ["q", "entity", "source", "kind", "from", "to"];

function state(params) {
  return {
    q: params.get("q") || "",
    entity: params.getAll("entity"),
    source: params.get("source") || "",
    kind: params.get("kind") || "",
    from: params.get("from") || "",
    to: params.get("to") || "",
    sort: params.get("sort") || "",
    interval: params.get("interval") || "auto",
    offset: Math.max(0, Number(params.get("offset")) || 0),
  };
}

function link(s, changes) {
  const next = { ...s, ...changes };
  if (!("offset" in changes)) next.offset = 0;
  const any = FILTERS.some((k) => (Array.isArray(next[k]) ? next[k].length : next[k]));
  return route(any ? "/search" : "/", {
    q: next.q, entity: next.entity, source: next.source, kind: next.kind, from: next.from, to: next.to,
    sort: next.sort, interval: next.interval === "auto" ? "" : next.interval, offset: next.offset || "",
  });
}

export async function overview({ params, path }) {
  const s = state(params);
  const filtered = FILTERS.some((k) => (Array.isArray(s[k]) ? s[k].length : s[k]));
  const articleFilters = { q: s.q, entity: s.entity, source: s.source, kind: s.kind, from: s.from, to: s.to };
  const [meta, timeline, page] = await Promise.all([
    api("/meta"),
    fetchTimeline(articleFilters, s.interval).catch((e) => e),
    api("/articles", { ...articleFilters, sort: s.sort, facets: "entity,source,kind", facet_limit: 10, limit: PAGE, offset: s.offset })
      .catch((e) => e),
  ]);
  const section = h("section", { class: "overview" });
  if (!filtered && path === "/") {
    section.append(h("h1", {}, meta.name === "seed" ? "The bundled news corpus" : `Corpus ${meta.name}`),
      meta.description ? h("p", { class: "lede" }, meta.description) : null,
      stats(meta, timeline));
  } else {
    section.append(h("h1", {}, page instanceof Error ? "Search" : `${plural(page.total, "result")}${s.q ? ` for “${s.q}”` : ""}`));
  }
  section.append(filterForm(s, meta));
  if (filtered) section.append(chips(s));
  section.append(timeline instanceof Error ? errorBox(timeline)
    : timelineChart(timeline, {
      title: filtered ? "Articles and trade measures over time for this search" : "Articles and trade measures over time",
      onPick: (b) => { location.hash = link(s, { from: b.start, to: b.end }); },
    }));
  section.append(page instanceof Error ? errorBox(page) : results(s, page));
  return section;
}

function stats(meta, timeline) {
  const c = meta.counts;
  const range = timeline instanceof Error || !timeline.buckets.length ? "—"
    : `${formatDay(timeline.buckets[0].start)} – ${formatDay(timeline.buckets[timeline.buckets.length - 1].end)}`;
  const sources = [...meta.vocabularies.sources].sort((a, b) => b.article_count - a.article_count);
  const top = sources.slice(0, 6);
  const tile = (n, what, href, extra = "") => h("li", {}, h(href ? "a" : "span", { href, class: `tile ${extra}` }, h("strong", {}, n), h("span", {}, what)));
  return h("div", { class: "stats" },
    h("ul", { class: "tiles", "aria-label": "Counts" },
      tile(c.articles.toLocaleString("en"), `articles (${c.briefs.toLocaleString("en")} briefs)`),
      tile(c.entities.toLocaleString("en"), "entities"),
      tile(c.trade_measures.toLocaleString("en"), "trade measures", route("/measures")),
      tile(c.claims.toLocaleString("en"), "disputed claims", route("/disputes")),
      tile(range, "dates covered", null, "range")),
    h("div", { class: "sources" }, h("h2", {}, "Sources"),
      h("ul", {}, top.map((src) =>
        h("li", {}, h("a", { href: route("/search", { source: src.id }) }, src.name), " ", h("span", { class: "count" }, src.article_count.toLocaleString("en"))))),
      sources.length > top.length ? h("p", { class: "muted" }, `and ${sources.length - top.length} more (the Source filter lists them all)`) : null));
}

function filterForm(s, meta) {
  const form = h("form", { class: "filters", role: "search", "aria-label": "Search and filter articles" });
  const field = (id, text, input) => h("div", { class: `field f-${id}` }, h("label", { for: `f-${id}` }, text), input);
  const select = (name, options, value) => h("select", { id: `f-${name}`, name },
    options.map(([v, t]) => h("option", { value: v, selected: v === value }, t)));
  form.append(
    field("q", "Search articles", h("input", { type: "search", id: "f-q", name: "q", value: s.q, placeholder: "e.g. COMAC, \"rare earth\", steel -Google" })),
    field("entity", "Entity", h("input", { type: "text", id: "f-entity", name: "entity", value: s.entity.join(", "), placeholder: "any name or alias" })),
    field("source", "Source", select("source", [["", "Any source"], ...meta.vocabularies.sources.map((x) => [x.id, x.name])], s.source)),
    field("kind", "Kind", select("kind", [["", "Any kind"], ...meta.vocabularies.article_kinds.map((k) => [k, k])], s.kind)),
    field("from", "From", h("input", { type: "date", id: "f-from", name: "from", value: s.from })),
    field("to", "To", h("input", { type: "date", id: "f-to", name: "to", value: s.to })),
    field("sort", "Order", select("sort", [["", "Newest first"], ["date", "Oldest first"], ["relevance", "Relevance (with a search)"]], s.sort)),
    field("interval", "Chart per", select("interval", [["auto", "Automatic"], ["day", "day"], ["week", "week"], ["month", "month"]], s.interval)),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Search"),
      h("a", { href: "#/", class: "button secondary" }, "Clear")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const sort = data.get("sort") === "relevance" && !data.get("q").trim() ? "" : data.get("sort");
    location.hash = link(s, {
      q: data.get("q").trim(), entity: data.get("entity").split(",").map((x) => x.trim()).filter(Boolean),
      source: data.get("source"), kind: data.get("kind"), from: data.get("from"), to: data.get("to"),
      sort, interval: data.get("interval"),
    });
  });
  return form;
}

function chips(s) {
  const chip = (text, changes) => h("li", {}, h("a", { href: link(s, changes), class: "chip", "aria-label": `Remove filter ${text}` }, text, h("span", { "aria-hidden": "true" }, " ×")));
  return h("ul", { class: "chips", "aria-label": "Active filters" },
    s.q ? chip(`text: ${s.q}`, { q: "", sort: s.sort === "relevance" ? "" : s.sort }) : null,
    s.entity.map((e) => chip(`entity: ${e}`, { entity: s.entity.filter((x) => x !== e) })),
    s.source ? chip(`source: ${s.source}`, { source: "" }) : null,
    s.kind ? chip(`kind: ${s.kind}`, { kind: "" }) : null,
    s.from ? chip(`from ${s.from}`, { from: "" }) : null,
    s.to ? chip(`to ${s.to}`, { to: "" }) : null);
}

function results(s, page) {
  const facets = page.facets || {};
  const entityIds = new Set(s.entity.map((e) => e.toLowerCase()));
  const facetGroup = (title, items, pressed, changes) => items && items.length ? h("div", { class: "facet" },
    h("h3", {}, title),
    h("ul", {}, items.map((f) => {
      const on = pressed(f);
      return h("li", {}, h("a", { href: link(s, changes(f, on)), class: "facet-item", "aria-pressed": String(on), "data-facet-id": f.id || f.value },
        h("span", { class: "name" }, f.name || f.id), h("span", { class: "count" }, f.count)));
    }))) : null;
  const aside = h("aside", { class: "facets", "aria-label": "Facets: counts over every result" },
    h("h2", {}, "Narrow down"),
    facetGroup("Entities", facets.entity, (f) => entityIds.has(f.id),
      (f, on) => ({ entity: on ? s.entity.filter((e) => e.toLowerCase() !== f.id) : [...s.entity, f.id] })),
    facetGroup("Sources", facets.source, (f) => s.source === f.id, (f, on) => ({ source: on ? "" : f.id })),
    facetGroup("Kind", (facets.kind || []).map((k) => ({ ...k, id: k.id || k.value, name: words(k.id || k.value) })), (f) => s.kind === f.id, (f, on) => ({ kind: on ? "" : f.id })));
  const list = page.items.length
    ? h("ol", { class: "results", start: page.offset + 1 }, page.items.map(resultItem))
    : empty(s.q ? `No article matches “${s.q}” with these filters. Try fewer words or remove a filter.` : "No article matches these filters.");
  const first = page.total ? page.offset + 1 : 0, last = page.offset + page.items.length;
  const nav = h("nav", { class: "pager", "aria-label": "Pages of results" },
    page.prev ? h("a", { href: link(s, { offset: Math.max(0, page.offset - PAGE) }), rel: "prev" }, "← Previous") : h("span"),
    h("span", { class: "muted", role: "status" }, `${first}–${last} of ${plural(page.total, "article")}`),
    page.next ? h("a", { href: link(s, { offset: page.offset + PAGE }), rel: "next" }, "Next →") : h("span"));
  return h("div", { class: "with-facets" }, h("div", { class: "result-list" }, h("h2", { class: "sr-only" }, "Articles"), list, nav), aside);
}

function resultItem(item) {
  const snippet = item.snippet
    ? h("p", { class: "snippet" }, highlighted(item.snippet.text, item.snippet.highlights))
    : h("p", { class: "snippet" }, item.lede);
  return h("li", { class: "result" },
    h("h3", {}, h("a", { href: route(`/article/${item.id}`) }, item.title)),
    h("p", { class: "byline" }, h("span", { class: `badge kind-${item.kind}` }, words(item.kind)), " ", item.source.name, " · ", dateValue(item.published_at)),
    snippet,
    h("ul", { class: "entity-row", "aria-label": "Entities named" }, item.entities.slice(0, 6).map((e) => h("li", {}, entityLink(e)))));
}
