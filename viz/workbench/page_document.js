// 文件页: the header (title, 文号, issuers, date, region, level, whether it is in force and what
// repealed it), its lineage as a timeline by date and level, its text with every extracted fact
// marked where it was read (click to open it), and its tasks with their agencies.

import { el, link, section, muted, field, chips, levelName, num, STATUS, RELATION, ROLE } from "./dom.js";
import { get, idPath } from "./api.js";
import { href } from "./router.js";
import { table } from "./table.js";
import { network } from "./network.js";
import { timeline } from "./charts.js";
import { agencyLink, documentLink, regionLink, regionOf, taskLink, agencyList, docName } from "./columns.js";

const FACTS = { agency: "机构", task: "任务", duty: "职责标记", target: "指标", zone: "园区", cluster: "产业集群",
                citation: "引用文件", repeal: "废止文件" };
const LEVEL_ROWS = [{ key: "national", name: "国家" }, { key: "province", name: "省级" }, { key: "city", name: "市级" },
                    { key: "county", name: "县级" }, { key: "", name: "层级不明" }];

function statusLine(d, repealers) {
  if (d.stub) return el("span", { cls: "status stub", text: "仅被引用，尚未导入" });
  const s = el("span", { cls: "status " + (d.status || "in_force"), text: STATUS[d.status] || "有效" });
  if (!repealers.length) return s;
  return el("span", {}, s, "（", repealers.flatMap((r, i) => [i ? "、" : "", documentLink({ id: r.id, title: r.doc_number || r.title })]),
            d.repealed_on ? `，${d.repealed_on} 起` : "", "）");
}

function factTarget(f) {
  if (f.kind === "agency" || f.kind === "duty") return href("agency", f.id);
  if (f.kind === "task") return href("task", f.id);
  if (f.kind === "citation" || f.kind === "repeal") return href("document", f.id);
  if (f.kind === "zone" || f.kind === "cluster") return href("search", "", { q: f.label });
  return null;
}

function factTitle(f) {
  const role = f.role ? `（${ROLE[f.role]}）` : "";
  const extra = f.kind === "target" && f.value !== null && f.value !== undefined ? `：${f.value}${f.unit || ""}` : "";
  return `${FACTS[f.kind]}${role}：${f.label || f.key}${extra}`;
}

// the text cut at every fact's ends; each piece carries the kinds covering it and opens the narrowest
export function markedText(text, facts) {
  const cuts = new Set([0, text.length]);
  for (const f of facts) { cuts.add(f.start); cuts.add(f.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const box = el("div", { cls: "doctext" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const over = facts.filter((f) => f.start <= a && f.end >= b);
    const piece = text.slice(a, b);
    if (!over.length) { box.append(piece); continue; }
    const narrow = over.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
    const target = factTarget(narrow);
    const span = el(target ? "a" : "span", { cls: "fact " + [...new Set(over.map((f) => "f-" + f.kind))].join(" "),
                                             text: piece, title: over.map(factTitle).join("\n"),
                                             attrs: { "data-kind": narrow.kind, href: target } });
    box.append(span);
  }
  return box;
}

function textSection(t) {
  const box = markedText(t.text || "", t.facts);
  const counts = {};
  for (const f of t.facts) counts[f.kind] = (counts[f.kind] || 0) + 1;
  const toggles = el("div", { cls: "fact-toggles" }, Object.entries(FACTS).filter(([k]) => counts[k]).map(([k, name]) => {
    const cb = el("input", { attrs: { type: "checkbox", checked: "" } });
    cb.addEventListener("change", () => box.classList.toggle("hide-" + k, !cb.checked));
    return el("label", { cls: "toggle f-" + k }, cb, ` ${name} ${counts[k]}`);
  }));
  return section("正文（抽取的事实已标出：悬停看说明，点击打开）", toggles,
    t.text ? box : muted("没有正文（仅被引用的文件，或从清单导入）。"),
    t.facts_truncated ? muted("事实过多，只标出了一部分。") : null);
}

const TASK = [
  { title: "序号", value: (t) => t.ordinal ?? "" },
  { title: "任务", value: (t) => t.text, cell: (t) => taskLink(t), cls: "wide" },
  { title: "时限", value: (t) => t.deadline_text || t.deadline || "" },
  { title: "牵头/负责单位", value: (t) => t.agencies.filter((a) => a.role !== "cooperating").map((a) => a.name).join("、"),
    cell: (t) => agencyList(t.agencies.filter((a) => a.role !== "cooperating")) },
  { title: "配合单位", value: (t) => t.agencies.filter((a) => a.role === "cooperating").map((a) => a.name).join("、"),
    cell: (t) => agencyList(t.agencies.filter((a) => a.role === "cooperating")) },
  { title: "指标", value: (t) => t.targets.map((g) => g.text).join("；") },
];

const LINEAGE = [
  { title: "关系", value: (r) => RELATION[r.relation] || r.relation },
  { title: "代数", value: (r) => r.depth },
  { title: "文件", value: (r) => docName(r), cell: (r) => documentLink(r) },
  { title: "文号", value: (r) => r.doc_number || "" },
  { title: "日期", value: (r) => r.date || "" },
  { title: "层级", value: (r) => levelName(r.level) },
  { title: "地区", value: (r) => r.region || "", cell: (r) => regionLink(r.region) },
  { title: "效力", value: (r) => (r.stub ? "仅被引用" : STATUS[r.status] || "") },
];

function lineageSection(doc, rows) {
  const points = rows.map((r) => ({ date: r.date, row: LEVEL_ROWS.some((x) => x.key === r.level) ? r.level : "",
    label: r.doc_number || docName(r).slice(0, 14), href: r.relation === "self" ? null : href("document", r.id),
    cls: r.relation, title: `${RELATION[r.relation]}：${r.title || r.key}（${r.date || "日期不明"}）` }));
  const used = LEVEL_ROWS.filter((l) => points.some((p) => p.row === l.key));
  const key = el("div", { cls: "chart-key" }, Object.entries(RELATION).map(([k, v]) => el("span", {}, el("span", { cls: "swatch dot " + k }), v)));
  return section("谱系时间轴（按日期与层级）",
    rows.length > 1 ? timeline(points, used) : muted("没有找到与本文件相关的引用或废止关系。"), key,
    table({ name: "lineage", param: "lp", columns: LINEAGE, rows, unit: "件文件", filename: `谱系-${doc.doc_number || doc.key}` }),
    rows.length > 1 ? network({ name: "lineage", path: `/networks/lineage/${idPath(doc.id)}`, params: {},
                                view: `/viz/lineage/${idPath(doc.id)}` }) : null);
}

export async function documentPage(c) {
  const id = c.arg;
  const [d, t] = await Promise.all([get(`/documents/${idPath(id)}`), get(`/documents/${idPath(id)}/text`)]);
  const doc = d.document;
  const region = regionOf(doc);
  const tasks = table({ name: "tasks", param: "tp", columns: TASK, unit: "项任务", filename: `任务-${doc.doc_number || doc.key}`,
                        fetchPage: (offset, limit) => get(`/documents/${idPath(id)}/tasks`, { offset, limit }) });
  return el("div", {},
    el("h1", { cls: "doc-title", text: doc.title || doc.doc_number || doc.key }),
    el("div", { cls: "fields" },
      field("文号", doc.doc_number), field("发文机关", doc.issuers.length ? el("span", {}, doc.issuers.flatMap((a, i) => [i ? "、" : "", agencyLink(a)])) : doc.issuer),
      field("成文日期", doc.date), field("地区", region ? regionLink(region) : null), field("层级", levelName(doc.level)),
      field("效力", statusLine(doc, d.superseded_by)), field("施行日期", doc.effective), field("有效期至", doc.expires),
      field("任务", `${num(doc.tasks)} 项`), field("来源", doc.url ? el("span", { text: doc.url }) : doc.source)),
    d.supersedes.length ? el("p", {}, "本文件废止：", d.supersedes.flatMap((r, i) => [i ? "、" : "", documentLink({ id: r.id, title: r.doc_number || r.title })])) : null,
    chips([link(href("diffusion", "", { upper: doc.key }), "这份文件被谁落实（政策扩散）")]),
    textSection(t),
    section("任务及责任单位", tasks),
    lineageSection(doc, d.lineage));
}
