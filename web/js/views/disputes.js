// Disputes (#/disputes): each claim on which articles disagree, with every version side by side and
// the sentence each article says it in, 20 to a page. ?entity={id} keeps those about one entity;
// ?claim={id} brings one to the top of the page.
import { api, h, route, plural, dateValue, empty, entityLink } from "../util.js";

const PAGE = 20;

export async function disputes({ params }) {
  const wanted = params.get("claim");
  const entity = params.get("entity") || "";
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const page = await api("/claims", { entity, limit: PAGE, offset });
  const claims = [...page.items].sort((a, b) => (b.id === wanted) - (a.id === wanted));
  const about = entity ? (page.items[0] && (page.items[0].entities || []).find((e) => e.id === entity)) : null;
  const section = h("section", { class: "disputes" },
    h("h1", {}, "Disputed facts", about ? ` about ${about.name}` : ""),
    h("p", { class: "lede" }, `${plural(page.total, "fact")} on which the articles disagree. Every version is kept, with the sentence that says it.`,
      entity ? [" ", h("a", { href: route("/disputes") }, "Show every disputed fact.")] : null));
  if (!claims.length) { section.append(empty("No two articles disagree on anything in this corpus.")); return section; }
  section.append(h("ul", { class: "claims" }, claims.map((c) => h("li", { class: `claim${c.id === wanted ? " wanted" : ""}`, id: `claim-${c.id}` },
    h("h2", {}, c.topic),
    (c.entities || []).length ? h("p", { class: "about" }, "About ", c.entities.flatMap((e, i) => [i ? ", " : "", entityLink(e)])) : null,
    h("div", { class: "versions" }, c.versions.map((v) => h("div", { class: "version" },
      h("p", { class: "statement" }, v.statement),
      h("blockquote", {}, h("p", {}, v.quote)),
      h("p", { class: "cite" }, h("a", { href: route(`/article/${v.article_id}`, { claim: c.id }) }, v.article_title || v.article_id),
        h("br"), h("span", { class: "muted" }, v.source ? v.source.name : "", v.published_at ? [" · ", dateValue(v.published_at)] : null)))))))));
  if (page.total > page.items.length) {
    const link = (at) => route("/disputes", { entity, offset: at || "" });
    section.append(h("nav", { class: "pager", "aria-label": "Pages of disputed facts" },
      page.prev ? h("a", { href: link(Math.max(0, offset - PAGE)), rel: "prev" }, "← Previous") : h("span"),
      h("span", { class: "muted" }, `${offset + 1}–${offset + page.items.length} of ${page.total}`),
      page.next ? h("a", { href: link(offset + PAGE), rel: "next" }, "Next →") : h("span")));
  }
  return section;
}
