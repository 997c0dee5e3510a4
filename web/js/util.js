// Small helpers every view uses: building DOM nodes, calling the API, formatting its dates.

const SVG_TAGS = new Set(["svg", "g", "rect", "line", "path", "circle", "text", "title", "desc", "polyline"]);

/**
 * Builds an element: h("a", {href: "#/"}, "text", child, [more children]). Text is never parsed as HTML.
 * SVG elements are made by name; "svg:a" is a link inside an SVG (an HTML <a> there would draw nothing).
 */
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith("svg:") || SVG_TAGS.has(tag);
  const name = tag.replace(/^svg:/, "");
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", name) : document.createElement(name);
  setAll(el, attrs);
  append(el, children);
  return el;
}

function setAll(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An error from the API: its status and RFC 9457 problem document. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

/** GET a path of this server's API (same origin only) and return its JSON. */
export async function api(path, params) {
  const url = params ? `${path}?${query(params)}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** A query string from an object; arrays repeat the key; empty values are left out. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== "") search.append(key, String(v));
    }
  }
  return search.toString();
}

/** A link to a view of the dashboard (hash routes survive a reload and work with back/forward). */
export function route(path, params) {
  const q = params ? query(params) : "";
  return `#${path}${q ? "?" + q : ""}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-04-15" → "15 Apr 2025"; "2025-04" → "Apr 2025"; "2025" → "2025". */
export function formatDay(value) {
  if (!value) return "";
  const [y, m, d] = value.split("-");
  if (d) return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
  if (m) return `${MONTHS[Number(m) - 1]} ${y}`;
  return y;
}

/** A DateValue ({value, precision, origin, note}) as a <time> with its precision and origin said. */
export function dateValue(date, { long = false } = {}) {
  if (!date) return h("span", { class: "muted" }, "unknown");
  const origin = date.origin === "external" ? "from the public record" : date.origin === "text" ? "stated in the text" : date.origin;
  const time = h("time", { datetime: date.value, title: date.note || null }, formatDay(date.value));
  if (!long) {
    return date.precision === "day" ? time : h("span", {}, time, h("span", { class: "precision" }, ` (${date.precision} only)`));
  }
  return h("span", { class: "date-long" }, time,
    h("span", { class: "badge" }, `${date.precision} precision`),
    h("span", { class: "badge origin" }, origin),
    date.note ? h("span", { class: "note" }, date.note) : null);
}

/** Words for a vocabulary value: "export_control" → "export control". */
export function words(value) {
  return String(value || "").replaceAll("_", " ");
}

export function plural(n, one, many = one + "s") {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Text with the given UTF-16 ranges wrapped in <mark> (the API's highlight offsets). */
export function highlighted(text, ranges) {
  const out = [];
  let at = 0;
  for (const { start, end } of [...(ranges || [])].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    out.push(text.slice(at, start), h("mark", {}, text.slice(start, end)));
    at = end;
  }
  out.push(text.slice(at));
  return out;
}

/** The view's error state: what went wrong, in words, with the problem's detail. */
export function errorBox(error, extra) {
  const problem = error instanceof ApiError ? error.problem : {};
  return h("div", { class: "error", role: "alert" },
    h("h2", {}, problem.title || "Something went wrong"),
    h("p", {}, error.message),
    (problem.invalid_params || []).length
      ? h("ul", {}, problem.invalid_params.map((p) => h("li", {}, h("code", {}, p.name), ": ", p.reason)))
      : null,
    extra || null);
}

export function empty(text) {
  return h("p", { class: "empty" }, text);
}

export function entityLink(entity) {
  return h("a", { href: route(`/entity/${encodeURIComponent(entity.id)}`), class: `entity t-${entity.type || "x"}` }, entity.name);
}
