// Trade measures: the list (#/measures, with facet counts) and one measure (#/measure/{id}): its
// lifecycle with each date's precision and origin, rate, jurisdictions, and every sentence reporting it.
import { api, h, route, plural, dateValue, empty, entityLink, words, formatDay } from "../util.js";

/** A compact list of measures (as the API gives them in lists) linking to their pages. */
export function measureList(items, emptyText) {
  if (!items || !items.length) return emptyText ? empty(emptyText) : null;
  return h("ul", { class: "measures" }, items.map((m) => h("li", {},
    h("a", { href: route(`/measure/${m.id}`) }, m.title),
    h("div", { class: "tags" },
      h("span", { class: "badge" }, words(m.measure_type)),
      h("span", { class: `badge status-${m.status}` }, words(m.status)),
      m.evaluation ? h("span", { class: `badge eval-${m.evaluation}` }, m.evaluation) : null))));
}

function rateText(rate) {
  if (!rate) return null;
  const unit = rate.unit === "percent" ? "%" : ` ${words(rate.unit)}`;
  const q = rate.qualifier && rate.qualifier !== "exact" ? `${words(rate.qualifier)} ` : "";
  return `${q}${rate.value}${unit}`;
}

export async function measures({ params }) {
  const filters = { measure_type: params.get("measure_type") || "", status: params.get("status") || "",
    evaluation: params.get("evaluation") || "", implementing: params.get("implementing") || "", affected: params.get("affected") || "" };
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const page = await api("/trade-measures", { ...filters, facets: "measure_type,status,evaluation,implementing,affected", limit: 20, offset });
  const link = (changes) => route("/measures", { ...filters, offset: offset || "", ...changes });
  const facet = (name, title) => (page.facets[name] || []).length ? h("div", { class: "facet" }, h("h3", {}, title),
    h("ul", {}, page.facets[name].map((f) => {
      const value = f.id || f.value; // entities come with an id and name, vocabulary values as `value`
      const on = filters[name] === value;
      return h("li", {}, h("a", { href: link({ [name]: on ? "" : value, offset: "" }), class: "facet-item", "aria-pressed": String(on), "data-facet-id": value },
        h("span", { class: "name" }, f.name || words(value)), h("span", { class: "count" }, f.count)));
    }))) : null;
  return h("section", {},
    h("h1", {}, "Trade measures", " ", h("span", { class: "count" }, page.total)),
    h("div", { class: "with-facets" },
      h("div", {}, page.items.length ? h("ul", { class: "measures big" }, page.items.map((m) => h("li", {},
        h("a", { href: route(`/measure/${m.id}`) }, m.title),
        h("div", { class: "tags" }, h("span", { class: "badge" }, words(m.measure_type)), h("span", { class: `badge status-${m.status}` }, words(m.status)),
          m.evaluation ? h("span", { class: `badge eval-${m.evaluation}` }, m.evaluation) : null, rateText(m.rate) ? h("span", { class: "badge rate" }, rateText(m.rate)) : null),
        h("div", { class: "muted" }, m.implementing.map((j) => j.name).join(", ") || "?", " → ", m.affected.map((j) => j.name).join(", ") || "?"))))
        : empty("No trade measure matches these filters."),
        h("nav", { class: "pager", "aria-label": "Pages of measures" },
          page.prev ? h("a", { href: link({ offset: Math.max(0, offset - 20) }) }, "← Previous") : h("span"),
          h("span", { class: "muted" }, `${page.total ? offset + 1 : 0}–${offset + page.items.length} of ${page.total}`),
          page.next ? h("a", { href: link({ offset: offset + 20 }) }, "Next →") : h("span"))),
      h("aside", { class: "facets", "aria-label": "Facets" }, h("h2", {}, "Narrow down"),
        facet("measure_type", "Type"), facet("status", "Status"), facet("evaluation", "Evaluation"),
        facet("implementing", "Implemented by"), facet("affected", "Affecting"))));
}

export async function measure({ args: [id] }) {
  const m = await api(`/trade-measures/${encodeURIComponent(id)}`);
  const stage = (name, date, extra) => h("li", { class: date ? "done" : "pending" },
    h("span", { class: "stage" }, name), date ? dateValue(date, { long: true }) : h("span", { class: "muted" }, extra || "no date known"));
  const inForce = m.in_force && m.in_force.from;
  const inForceOrigin = inForce ? {
    stated: "as stated", public_record: "from the public record", inferred: "inferred from the earliest article reporting it",
  }[inForce.origin] || words(inForce.origin) : null;
  return h("section", { class: "measure-view" },
    h("p", { class: "crumbs" }, h("a", { href: "#/measures" }, "Trade measures"), " › ", words(m.measure_type)),
    h("h1", {}, m.title),
    h("div", { class: "tags" }, h("span", { class: "badge" }, words(m.measure_type)), h("span", { class: `badge status-${m.status}` }, words(m.status)),
      m.evaluation ? h("span", { class: `badge eval-${m.evaluation}` }, m.evaluation) : null),
    m.description ? h("p", { class: "lede" }, m.description) : null,
    h("div", { class: "two-col" },
      h("div", {},
        h("h2", {}, "Lifecycle"),
        h("ol", { class: "lifecycle" },
          stage("Announced", m.date_announced),
          stage("In force", m.date_in_force),
          stage(m.status === "suspended" ? "Suspended / removed" : "Removed", m.date_removed, m.status === "in_force" ? "still in force" : "no date known")),
        inForce ? h("p", { class: "note-box" }, "Counted as in force from ", h("strong", {}, formatDay(inForce.day)), ` (${inForceOrigin})`,
          inForce.article_id ? [" — ", h("a", { href: route(`/article/${inForce.article_id}`, { measure: m.id }) }, "the article")] : null,
          m.in_force.until ? ` until ${formatDay(m.in_force.until.day)}` : "", ".") : null),
      h("div", {},
        h("h2", {}, "Details"),
        h("dl", { class: "profile" },
          h("dt", {}, "Rate"), h("dd", {}, rateText(m.rate) || h("span", { class: "muted" }, "none stated")),
          h("dt", {}, "Implemented by"), h("dd", {}, joinLinks(m.implementing)),
          h("dt", {}, "Affecting"), h("dd", {}, joinLinks(m.affected)),
          (m.targeted_firms || []).length ? [h("dt", {}, "Firms targeted"), h("dd", {}, joinLinks(m.targeted_firms))] : null,
          (m.products || []).length ? [h("dt", {}, "Products"), h("dd", {}, m.products.join("; "))] : null))),
    h("h2", {}, `Reported in ${plural(m.sources.length, "sentence")}`),
    m.sources.length ? h("ul", { class: "quotes" }, m.sources.map((src) => h("li", {},
      h("blockquote", {}, h("p", {}, src.quote)),
      h("p", { class: "cite" }, "— ", h("a", { href: route(`/article/${src.article_id}`, { measure: m.id }) }, src.article_title || src.article_id),
        " (sentence highlighted)"))))
      : empty("No article sentence reports this measure."));
}

function joinLinks(items) {
  if (!items || !items.length) return h("span", { class: "muted" }, "none named");
  return items.flatMap((e, i) => [i ? ", " : "", e.id ? entityLink(e) : e.name || String(e)]);
}
