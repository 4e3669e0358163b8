// DOM helpers and the domain's words.  Every text from the API is set with textContent (or an
// attribute through the DOM): names, titles and task texts are data, never HTML.

export function el(tag, opts, ...children) {
  const e = document.createElement(tag);
  const o = opts || {};
  if (o.cls) e.className = o.cls;
  if (o.text !== undefined && o.text !== null) e.textContent = String(o.text);
  if (o.href) e.setAttribute("href", o.href);
  if (o.title) e.title = String(o.title);
  if (o.attrs) for (const [k, v] of Object.entries(o.attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  if (o.on) for (const [k, f] of Object.entries(o.on)) e.addEventListener(k, f);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

export function svg(tag, attrs, ...children) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

export const link = (href, text, cls) => el("a", { href, text: text === undefined || text === null || text === "" ? "（无）" : text, cls });

export function section(title, ...children) {
  return el("section", { cls: "card" }, el("h2", { text: title }), ...children);
}

export const muted = (text) => el("p", { cls: "muted", text });
export const errorBox = (message) => el("p", { cls: "error", text: "出错：" + message });

export function field(label, value) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return null;
  return el("div", { cls: "field" }, el("span", { cls: "label", text: label }), el("span", { cls: "value" }, value));
}

export const LEVEL = { national: "国家", province: "省级", city: "市级", county: "县级" };
export const ROLE = { lead: "牵头", responsible: "负责", cooperating: "配合" };
export const STATUS = { in_force: "有效", repealed: "已废止", partly_repealed: "部分废止" };
export const RELATION = { self: "本文件", cites: "依据（引用）", cited_by: "据此制定", repeals: "废止", repealed_by: "被废止" };
export const KIND = { agency: "机构", document: "文件", region: "地区", zone: "园区", cluster: "产业集群", task: "任务" };
export const BASIS = { function: "职能相同", "function:related": "职能相关", "function:renamed": "职能更名（机构改革）",
                        tasks: "职责文本相似", similarity: "文本相似", number: "按文号引用", title: "按标题引用", name: "名称" };

export const levelName = (v) => LEVEL[v] || v || "";
export const num = (n) => (n === undefined || n === null ? "" : Number(n).toLocaleString("zh-CN"));
export const score = (s) => (s === undefined || s === null ? "" : Number(s).toFixed(2));

// the words of a sentence with the part [s, e) of the document marked (spans index the document text)
export function marked(sentence, start, end) {
  if (!sentence || !sentence.text) return "";
  const [s0] = sentence.span || [0];
  const text = sentence.text;
  const a = Math.max(0, (start ?? -1) - s0), b = Math.min(text.length, (end ?? -1) - s0);
  if (start === null || start === undefined || b <= a) return el("span", { cls: "sentence", text });
  return el("span", { cls: "sentence" }, text.slice(0, a), el("mark", { text: text.slice(a, b) }), text.slice(b));
}

export function chips(items) {
  return el("div", { cls: "chips" }, items.filter(Boolean));
}
