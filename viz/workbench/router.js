// Every page is a URL: #/PAGE/ARG?PARAMS.  Following a link renders the page; paging a table or
// changing a filter rewrites the URL in place (history.replaceState), so the address always
// reproduces what is on the screen and can be bookmarked or shared.

export function current() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?", 2);
  const parts = path.split("/");
  let arg = parts.slice(1).join("/");
  try { arg = decodeURIComponent(arg); } catch (e) { /* keep it as typed */ }
  return { page: parts[0] || "home", arg, params: new URLSearchParams(query || "") };
}

export function href(page, arg, params) {
  let h = "#/" + page;
  if (arg !== undefined && arg !== null && arg !== "") h += "/" + encodeURIComponent(arg);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `${h}?${s}` : h;
}

export const param = (name, fallback) => {
  const v = current().params.get(name);
  return v === null ? fallback : v;
};

export function intParam(name, fallback) {
  const v = parseInt(param(name, ""), 10);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
}

// update some parameters of the current URL without rendering the page again
export function setParams(updates) {
  const c = current();
  for (const [k, v] of Object.entries(updates)) {
    if (v === undefined || v === null || v === "") c.params.delete(k); else c.params.set(k, String(v));
  }
  const obj = Object.fromEntries(c.params.entries());
  history.replaceState(null, "", href(c.page, c.arg, obj));
}
