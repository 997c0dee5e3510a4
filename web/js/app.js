// The dashboard's router: each view has its own URL (#/path?query), so a link can be shared, a reload
// restores the view, and back/forward work.
import { h, errorBox } from "./util.js";
import { overview } from "./views/overview.js";
import { entity } from "./views/entity.js";
import { measure, measures } from "./views/measure.js";
import { article } from "./views/article.js";
import { disputes } from "./views/disputes.js";

const ROUTES = [
  [/^\/$/, overview, "overview"],
  [/^\/search$/, overview, "overview"],
  [/^\/entity\/([^/]+)$/, entity, "overview"],
  [/^\/measures$/, measures, "measures"],
  [/^\/measure\/([^/]+)$/, measure, "measures"],
  [/^\/article\/([^/]+)$/, article, "overview"],
  [/^\/disputes$/, disputes, "disputes"],
];

let generation = 0; // the latest navigation's number: an older one that finishes late is dropped
let first = true;

async function render() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = hash.split("?");
  const params = new URLSearchParams(search);
  const main = document.getElementById("main");
  const mine = ++generation;
  const match = ROUTES.map(([re, view, nav]) => [re.exec(path), view, nav]).find(([m]) => m);
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (match && a.dataset.nav === match[2]) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  main.setAttribute("aria-busy", "true");
  let content;
  try {
    if (!match) throw new Error(`There is no view at ${path}.`);
    const [m, view] = match;
    content = await view({ args: m.slice(1).map(decodeURIComponent), params, path });
  } catch (error) {
    content = h("section", {}, errorBox(error));
  }
  if (mine !== generation) return; // a newer navigation won
  main.replaceChildren(content);
  main.dataset.hash = hash; // which view this is, for scripts that wait for a navigation to finish
  main.removeAttribute("aria-busy");
  const heading = main.querySelector("h1");
  document.title = heading ? `${heading.textContent} · news-api dashboard` : "news-api dashboard";
  if (!first) main.focus({ preventScroll: true }); // after a navigation, a screen reader starts at the new view
  first = false;
  window.scrollTo(0, 0);
}

// The skip link moves the focus without touching the hash, which holds the view.
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  document.getElementById("main").focus();
});
window.addEventListener("hashchange", render);
render();
