// A paged table that exports as CSV.  Rows come from a list (paged here) or page by page from a
// paged route (fetchPage(offset, limit) -> {total, items}); the page number lives in the URL.

import { el, num, errorBox } from "./dom.js";
import { toCSV, download } from "./csv.js";
import { intParam, setParams } from "./router.js";

const EXPORT_MAX = 10000;  // rows an export reads at most (the API pages at 500)

function cellOf(col, row) {
  const v = col.cell ? col.cell(row) : col.value(row);
  return v instanceof Node ? v : el("span", { text: v === undefined || v === null ? "" : v });
}

export function table(opts) {
  const size = opts.pageSize || 20;
  const name = opts.name;
  const param = opts.param || (name + "_p");
  const box = el("div", { cls: "table", attrs: { "data-table": name } });
  const count = el("span", { cls: "count" });
  const exportBtn = el("button", { cls: "export", text: "导出 CSV", attrs: { type: "button", "data-export": name } });
  const head = el("div", { cls: "table-head" }, opts.title ? el("h3", { text: opts.title }) : null, count, exportBtn);
  const body = el("div", { cls: "table-body" });
  const pager = el("div", { cls: "pager" });
  box.append(head, body, pager);
  let page = Math.max(1, intParam(param, 1)), total = 0;

  let initial = opts.initial;  // a page the caller has already read: {offset, limit, total, items}
  async function fetchRows(offset, limit) {
    if (opts.rows) return { total: opts.rows.length, items: opts.rows.slice(offset, offset + limit) };
    if (initial && initial.offset === offset && initial.limit === limit) {
      const res = initial;
      initial = null;
      return res;
    }
    return opts.fetchPage(offset, limit);
  }

  function drawRows(items) {
    if (!items.length) {
      body.replaceChildren(el("p", { cls: "muted", text: opts.empty || "没有记录。" }));
      return;
    }
    const t = el("table");
    t.append(el("thead", {}, el("tr", {}, opts.columns.map((c) => el("th", { text: c.title, cls: c.cls })))));
    const tb = el("tbody");
    for (const r of items) tb.append(el("tr", {}, opts.columns.map((c) => el("td", { cls: c.cls }, cellOf(c, r)))));
    t.append(tb);
    body.replaceChildren(t);
  }

  function drawPager() {
    const pages = Math.max(1, Math.ceil(total / size));
    const go = (p) => { page = p; setParams({ [param]: p > 1 ? p : null }); load(); };
    pager.replaceChildren(
      el("button", { text: "上一页", attrs: { type: "button", disabled: page <= 1 ? "" : null }, on: { click: () => go(page - 1) } }),
      el("span", { cls: "muted", text: ` 第 ${page} / ${pages} 页 ` }),
      el("button", { text: "下一页", attrs: { type: "button", disabled: page >= pages ? "" : null }, on: { click: () => go(page + 1) } }));
    pager.hidden = pages <= 1;
  }

  async function load() {
    delete box.dataset.loaded;  // until this page of rows is drawn
    body.replaceChildren(el("p", { cls: "muted", text: "加载中…" }));
    try {
      const res = await fetchRows((page - 1) * size, size);
      total = res.total;
      if (total && (page - 1) * size >= total) { page = Math.ceil(total / size); return load(); }
      count.textContent = opts.total > total ? `共 ${num(opts.total)} ${opts.unit || "条"}，这里列出前 ${num(total)} 个`
        : `共 ${num(total)} ${opts.unit || "条"}`;
      drawRows(res.items);
      drawPager();
      box.dataset.loaded = "true";
    } catch (e) {
      body.replaceChildren(errorBox(e.message));
    }
  }

  async function exportAll() {
    exportBtn.disabled = true;
    try {
      let rows = [];
      if (opts.rows) rows = opts.rows;
      else {
        for (let off = 0; off < Math.min(total || EXPORT_MAX, EXPORT_MAX); off += 500) {
          const res = await fetchRows(off, 500);
          rows = rows.concat(res.items);
          if (res.items.length < 500) break;
        }
      }
      const header = opts.columns.map((c) => c.title);
      download(`${opts.filename || name}.csv`, toCSV(header, rows.map((r) => opts.columns.map((c) => c.value(r)))));
    } finally {
      exportBtn.disabled = false;
    }
  }
  exportBtn.addEventListener("click", exportAll);
  load();
  return box;
}
