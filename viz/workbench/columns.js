// The columns of the tables several pages show (agencies, documents, regions, zones, clusters,
// tasks): what a cell shows (links to the pages) and what the CSV holds.

import { el, link, levelName, STATUS, ROLE } from "./dom.js";
import { href } from "./router.js";

export const regionOf = (d) => (d && (d.county || d.city || d.province)) || "";
// a document as a reader names it: its title, else its 文号, else "无标题文件" (keys of untitled documents are hashes)
export const docName = (d) => (d && (d.title || d.doc_number || (d.key && d.key.startsWith("sha:") ? `无标题文件（${d.key.slice(4, 12)}…）` : d.key))) || "";

export const agencyLink = (a) => (a && a.id ? link(href("agency", a.id), a.name || a.key) : el("span", { text: (a && a.name) || "" }));
export const documentLink = (d, text) => (d && d.id ? link(href("document", d.id), text || docName(d)) : el("span", { text: text || docName(d) }));
export const regionLink = (name) => (name ? link(href("region", name), name) : el("span", { text: "" }));
export const taskLink = (t) => (t && (t.id || t.task_id) ? link(href("task", t.id || t.task_id), t.text || t.task || t.key) : el("span", { text: (t && (t.text || t.task)) || "" }));

export const AGENCY = [
  { title: "机构", value: (a) => a.name, cell: agencyLink },
  { title: "地区", value: (a) => a.region, cell: (a) => regionLink(a.region) },
  { title: "层级", value: (a) => levelName(a.level) },
  { title: "别名", value: (a) => (a.aliases || []).join("、") },
];

export const DOCUMENT = [
  { title: "标题", value: docName, cell: (d) => documentLink(d) },
  { title: "文号", value: (d) => d.doc_number || "", cls: "nowrap" },
  { title: "成文日期", value: (d) => d.date || "", cls: "nowrap" },
  { title: "地区", value: regionOf, cell: (d) => regionLink(regionOf(d)) },
  { title: "层级", value: (d) => levelName(d.level) },
  { title: "效力", value: (d) => (d.stub ? "仅被引用" : STATUS[d.status] || d.status || "") },
];

export const REGION = [
  { title: "地区", value: (r) => r.name, cell: (r) => regionLink(r.name) },
  { title: "层级", value: (r) => levelName(r.level) },
  { title: "所属", value: (r) => [r.province, r.city].filter((x) => x && x !== r.name).join(" · ") },
];

export const ZONE = [
  { title: "园区", value: (z) => z.name, cell: (z) => link(href("search", "", { q: z.name }), z.name) },
  { title: "类别", value: (z) => z.kind || "" },
  { title: "地区", value: (z) => z.region, cell: (z) => regionLink(z.region) },
  { title: "产业集群", value: (z) => (z.clusters || []).join("、") },
];

export const CLUSTER = [
  { title: "产业集群", value: (c) => c.name, cell: (c) => link(href("search", "", { q: c.name }), c.name) },
  { title: "地区", value: (c) => c.region, cell: (c) => regionLink(c.region) },
  { title: "所在园区", value: (c) => (c.zones || []).join("、") },
];

const agencyList = (list) => el("span", {}, (list || []).flatMap((a, i) => [i ? "、" : "", agencyLink(a)]));

export const TASK = [
  { title: "任务", value: (t) => t.text, cell: taskLink },
  { title: "文件", value: (t) => docName(t.document), cell: (t) => documentLink(t.document) },
  { title: "地区", value: (t) => t.region, cell: (t) => regionLink(t.region) },
  { title: "责任单位", value: (t) => (t.agencies || []).map((a) => (a.lead ? "（牵头）" : "") + a.name).join("、"),
    cell: (t) => agencyList(t.agencies) },
  { title: "时限", value: (t) => t.deadline_text || t.deadline || "" },
];

export const TARGET = [
  { title: "指标", value: (g) => g.text },
  { title: "数值", value: (g) => (g.value === null || g.value === undefined ? "" : `${g.qualifier || ""}${g.value}${g.unit || ""}`) },
  { title: "任务", value: (g) => (g.task ? g.task.text : ""), cell: (g) => (g.task ? taskLink(g.task) : "") },
  { title: "文件", value: (g) => g.doc || "" },
];

export const roleName = (r) => ROLE[r] || r || "";
export { agencyList };
