// Small SVG charts drawn with DOM calls (no library): bars by year, a timeline by date and level,
// an adoption curve.  Texts are SVG text nodes set with textContent.

import { svg, el } from "./dom.js";

const W = 900;

function time(d) {
  const t = Date.parse(d);
  return Number.isFinite(t) ? t : null;
}

// stacked bars: items [{label, values: {key: n}}], series [{key, name, cls}]
export function bars(items, series, opts) {
  const h = (opts && opts.height) || 140, pad = 28, bottom = 22;
  const max = Math.max(1, ...items.map((it) => series.reduce((a, s) => a + (it.values[s.key] || 0), 0)));
  const bw = Math.max(8, Math.min(48, (W - pad * 2) / Math.max(1, items.length) - 6));
  const root = svg("svg", { viewBox: `0 0 ${W} ${h + bottom}`, class: "chart", role: "img" });
  items.forEach((it, i) => {
    const x = pad + i * (bw + 6);
    let y = h;
    for (const s of series) {
      const v = it.values[s.key] || 0;
      if (!v) continue;
      const bh = (v / max) * (h - 20);
      y -= bh;
      root.append(svg("rect", { x, y, width: bw, height: bh, class: s.cls }, svg("title", {}, `${it.label}：${s.name} ${v}`)));
    }
    const total = series.reduce((a, s) => a + (it.values[s.key] || 0), 0);
    if (total) root.append(svg("text", { x: x + bw / 2, y: y - 4, class: "chart-value", "text-anchor": "middle" }, String(total)));
    root.append(svg("text", { x: x + bw / 2, y: h + 16, class: "chart-label", "text-anchor": "middle" }, it.label));
  });
  const key = el("div", { cls: "chart-key" }, series.map((s) => el("span", {}, el("span", { cls: "swatch " + s.cls }), s.name)));
  return el("div", { cls: "chart-box" }, root, key);
}

// points [{date, row, label, href, cls, title}] on rows (levels) by date
export function timeline(points, rows, opts) {
  const rowH = 56, left = 70, right = 30, top = 16;
  const dated = points.filter((p) => time(p.date) !== null);
  const h = top + rows.length * rowH + 24;
  const root = svg("svg", { viewBox: `0 0 ${W} ${h}`, class: "chart timeline", role: "img" });
  const ts = dated.map((p) => time(p.date));
  const t0 = Math.min(...ts), t1 = Math.max(...ts);
  const x = (t) => (t1 === t0 ? (W + left - right) / 2 : left + ((t - t0) / (t1 - t0)) * (W - left - right));
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    root.append(svg("line", { x1: left, x2: W - right, y1: y, y2: y, class: "axis" }));
    root.append(svg("text", { x: 4, y: y + 4, class: "chart-label" }, r.name));
  });
  if (dated.length) {
    for (const t of [t0, t1]) {
      root.append(svg("text", { x: x(t), y: h - 6, class: "chart-label", "text-anchor": "middle" },
                      new Date(t).toISOString().slice(0, 10)));
    }
  }
  const seen = {};
  for (const p of dated) {
    const i = Math.max(0, rows.findIndex((r) => r.key === p.row));
    const slot = `${i}:${Math.round(x(time(p.date)) / 12)}`;
    const dy = ((seen[slot] = (seen[slot] || 0) + 1) - 1) * 12;  // stack points of the same day
    const y = top + i * rowH + rowH / 2 - dy;
    const dot = svg("circle", { cx: x(time(p.date)), cy: y, r: 7, class: "dot " + (p.cls || "") }, svg("title", {}, p.title || p.label));
    const right = x(time(p.date)) > W * 0.7;  // near the right edge: the label reads leftwards
    const label = svg("text", { x: x(time(p.date)) + (right ? -10 : 10), y: y - 9, class: "dot-label",
                                "text-anchor": right ? "end" : "start" }, p.label);
    root.append(p.href ? svg("a", { href: p.href }, dot, label) : svg("g", {}, dot, label));
  }
  const undated = points.length - dated.length;
  const note = undated ? el("p", { cls: "muted", text: `另有 ${undated} 件文件无日期，未画出。` }) : null;
  return el("div", { cls: "chart-box" }, root, note);
}

// cumulative adoptions over time: points [{date, label}] from the start date
export function adoption(start, points) {
  const h = 220, left = 44, right = 20, top = 12, bottom = 26;
  const dated = points.filter((p) => time(p.date) !== null).sort((a, b) => time(a.date) - time(b.date));
  const root = svg("svg", { viewBox: `0 0 ${W} ${h + bottom}`, class: "chart", role: "img" });
  if (!dated.length) return el("p", { cls: "muted", text: "下级文件都没有日期，画不出采纳曲线。" });
  const t0 = Math.min(time(start) ?? time(dated[0].date), time(dated[0].date)), t1 = time(dated[dated.length - 1].date);
  const x = (t) => (t1 === t0 ? left : left + ((t - t0) / (t1 - t0)) * (W - left - right));
  const y = (n) => top + (1 - n / dated.length) * (h - top);
  root.append(svg("line", { x1: left, x2: W - right, y1: h, y2: h, class: "axis" }));
  root.append(svg("line", { x1: left, x2: left, y1: top, y2: h, class: "axis" }));
  root.append(svg("text", { x: 4, y: top + 10, class: "chart-label" }, String(dated.length)));
  root.append(svg("text", { x: 4, y: h, class: "chart-label" }, "0"));
  let d = `M ${x(t0)} ${y(0)}`;
  dated.forEach((p, i) => { d += ` H ${x(time(p.date))} V ${y(i + 1)}`; });
  root.append(svg("path", { d, class: "curve" }));
  dated.forEach((p, i) => root.append(svg("circle", { cx: x(time(p.date)), cy: y(i + 1), r: 4, class: "dot" },
                                          svg("title", {}, `${p.date} ${p.label}`))));
  root.append(svg("text", { x: left, y: h + 18, class: "chart-label" }, new Date(t0).toISOString().slice(0, 10)));
  root.append(svg("text", { x: W - right, y: h + 18, class: "chart-label", "text-anchor": "end" }, new Date(t1).toISOString().slice(0, 10)));
  return el("div", { cls: "chart-box" }, root);
}
