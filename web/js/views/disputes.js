// Disputes (#/disputes): each claim on which articles disagree, with every version side by side and
// the sentence each article says it in. ?claim={id} brings one to the top of the view.
import { api, h, route, plural, dateValue, empty, entityLink } from "../util.js";

export async function disputes({ params }) {
  const wanted = params.get("claim");
  const page = await api("/claims", { limit: 100 });
  const claims = [...page.items].sort((a, b) => (b.id === wanted) - (a.id === wanted));
  const section = h("section", { class: "disputes" },
    h("h1", {}, "Disputed facts"),
    h("p", { class: "lede" }, `${plural(page.total, "fact")} on which the articles disagree. Every version is kept, with the sentence that says it.`));
  if (!claims.length) { section.append(empty("No two articles disagree on anything in this corpus.")); return section; }
  section.append(h("ul", { class: "claims" }, claims.map((c) => h("li", { class: `claim${c.id === wanted ? " wanted" : ""}`, id: `claim-${c.id}` },
    h("h2", {}, c.topic),
    (c.entities || []).length ? h("p", { class: "about" }, "About ", c.entities.flatMap((e, i) => [i ? ", " : "", entityLink(e)])) : null,
    h("div", { class: "versions" }, c.versions.map((v) => h("div", { class: "version" },
      h("p", { class: "statement" }, v.statement),
      h("blockquote", {}, h("p", {}, v.quote)),
      h("p", { class: "cite" }, h("a", { href: route(`/article/${v.article_id}`, { claim: c.id }) }, v.article_title || v.article_id),
        h("br"), h("span", { class: "muted" }, v.source ? v.source.name : "", v.published_at ? [" · ", dateValue(v.published_at)] : null)))))))));
  if (page.total > page.items.length) section.append(h("p", { class: "muted" }, `Showing the first ${page.items.length} of ${page.total}.`));
  return section;
}
