// Article (#/article/{id}): title, source, date with its precision, the body with every entity mention
// highlighted and linked (from the API's mention offsets), its measures and disputed claims. With
// ?measure={id} or ?claim={id}, the sentence that reports it is highlighted and scrolled to.
import { api, h, route, dateValue, empty, entityLink, words } from "../util.js";
import { measureList } from "./measure.js";

export async function article({ args: [id], params }) {
  const a = await api(`/articles/${encodeURIComponent(id)}`);
  const quoteOf = (() => {
    const m = params.get("measure"), c = params.get("claim");
    if (m) { const found = a.trade_measures.find((x) => x.id === m); return found && found.quote; }
    if (c) { const found = a.claims.find((x) => x.id === c); const v = found && found.versions.find((x) => x.article_id === a.id); return v && v.quote; }
    return null;
  })();
  const mentions = (field) => a.entities.flatMap((e) => (e.offsets || []).filter((o) => o.field === field).map((o) => ({ ...o, entity: e })));
  const quoteStart = quoteOf ? a.body.indexOf(quoteOf) : -1;
  const quote = quoteStart >= 0 ? { start: quoteStart, end: quoteStart + quoteOf.length } : null;
  const body = h("div", { class: "body" }, marked(a.body, mentions("body"), quote));
  const section = h("article", { class: "article-view" },
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Overview"), " › ", h("a", { href: route("/search", { source: a.source.id }) }, a.source.name)),
    h("h1", {}, marked(a.title, mentions("title"), null)),
    h("p", { class: "byline" }, h("span", { class: `badge kind-${a.kind}` }, words(a.kind)), " ", a.source.name, " · ",
      dateValue(a.published_at, { long: true }), a.section ? ` · ${a.section}` : "",
      a.url ? [" · ", h("a", { href: a.url, rel: "noopener noreferrer" }, "original")] : null),
    quoteOf && !quote ? h("p", { class: "note-box" }, "The reporting sentence: ", h("q", {}, quoteOf)) : null,
    h("div", { class: "two-col wide-left" },
      body,
      h("aside", {},
        h("h2", {}, "Named in it"),
        h("ul", { class: "entity-row" }, a.entities.filter((e) => e.mentions > 0).map((e) => h("li", {}, entityLink(e), " ", h("span", { class: "count" }, e.mentions)))),
        h("h2", {}, "Trade measures it reports"),
        measureList(a.trade_measures, "It reports no trade measure."),
        h("h2", {}, "Disputed facts"),
        a.claims.length ? h("ul", { class: "plain" }, a.claims.map((c) => {
          const mine = c.versions.find((v) => v.article_id === a.id);
          return h("li", {}, h("a", { href: route("/disputes", { claim: c.id }) }, c.topic),
            mine ? h("div", { class: "muted" }, "This article: ", mine.statement, " ",
              h("a", { href: route(`/article/${a.id}`, { claim: c.id }) }, "show the sentence")) : null);
        })) : empty("Nothing it says is disputed by another article."))));
  if (quote) requestAnimationFrame(() => { const q = document.querySelector("mark.quote"); if (q) q.scrollIntoView({ block: "center" }); });
  return section;
}

/** Text cut at every mention and quote boundary: mentions become links, the quote a <mark>. */
function marked(text, mentions, quote) {
  const cuts = new Set([0, text.length]);
  for (const m of mentions) { cuts.add(m.start); cuts.add(m.end); }
  if (quote) { cuts.add(quote.start); cuts.add(quote.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((x, y) => x - y);
  const out = [];
  let quoteMark = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const piece = text.slice(s, e);
    const m = mentions.find((x) => x.start <= s && e <= x.end);
    const node = m ? h("a", { href: route(`/entity/${m.entity.id}`), class: `mention t-${m.entity.type}`, title: `${m.entity.name} (${words(m.entity.type)})` }, piece) : piece;
    if (quote && quote.start <= s && e <= quote.end) {
      if (!quoteMark) { quoteMark = h("mark", { class: "quote" }); out.push(quoteMark); }
      quoteMark.append(node instanceof Node ? node : document.createTextNode(node));
    } else {
      out.push(node);
    }
  }
  return out;
}
