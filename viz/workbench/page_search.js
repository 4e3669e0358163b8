// 首页 and 搜索: one box over agencies, documents (title, 文号), regions, zones, clusters and task
// texts, with how many of each kind match; a kind's full list pages through its own route.

import { el, link, section, muted, num, KIND } from "./dom.js";
import { get } from "./api.js";
import { href } from "./router.js";
import { table } from "./table.js";
import { AGENCY, DOCUMENT, REGION, ZONE, CLUSTER, TASK } from "./columns.js";

const LISTING = {
  agency: { path: "/agencies", columns: AGENCY, unit: "个机构" },
  document: { path: "/documents", columns: DOCUMENT, unit: "件文件" },
  region: { path: "/regions", columns: REGION, unit: "个地区" },
  zone: { path: "/zones", columns: ZONE, unit: "个园区" },
  cluster: { path: "/clusters", columns: CLUSTER, unit: "个产业集群" },
  task: { path: "/tasks", columns: TASK, unit: "项任务" },
};

export async function homePage() {
  const stats = await get("/stats");
  const n = stats.nodes || {};
  const cards = [["文件", n.Document], ["机构", n.Agency], ["任务", n.Task], ["指标", n.Target], ["园区", n.Zone],
                 ["产业集群", n.Cluster], ["地区", (n.Province || 0) + (n.City || 0) + (n.County || 0)]];
  const recent = table({ name: "recent", columns: DOCUMENT, unit: "件文件", pageSize: 10,
                         fetchPage: (offset, limit) => get("/documents", { offset, limit }) });
  return el("div", {},
    el("h1", { text: "政策知识图谱分析工作台" }),
    muted("在上方搜索机构、文件、地区、园区、产业集群或任务原文；或从导航进入政策传导、政策扩散、联合发文分析。"),
    el("div", { cls: "stats" }, cards.map(([k, v]) => el("div", { cls: "stat" }, el("b", { text: num(v || 0) }), el("span", { text: k })))),
    section("最新文件", recent));
}

function kindTable(q, kind) {
  const l = LISTING[kind];
  return table({ name: `search-${kind}`, param: "p", columns: l.columns, unit: l.unit, filename: `搜索-${KIND[kind]}-${q}`,
                 fetchPage: (offset, limit) => get(l.path, { q, offset, limit }) });
}

export async function searchPage(c) {
  const q = (c.params.get("q") || "").trim();
  const kind = c.params.get("kind") || "";
  if (!q) return el("div", {}, el("h1", { text: "搜索" }), muted("在上方输入要找的内容。"));
  const res = await get("/search", { q, limit: 5 });
  const tabs = el("div", { cls: "tabs" },
    link(href("search", "", { q }), "全部", kind ? "" : "active"),
    res.results.map((r) => link(href("search", "", { q, kind: r.kind }), `${KIND[r.kind]} ${num(r.total)}`,
                                (kind === r.kind ? "active " : "") + (r.total ? "" : "empty"))));
  const head = [el("h1", { text: `搜索：${q}` }), tabs];
  if (kind && LISTING[kind]) return el("div", {}, ...head, section(`${KIND[kind]}`, kindTable(q, kind)));
  const found = res.results.filter((r) => r.total);
  if (!found.length) return el("div", {}, ...head, muted("没有找到。换个说法试试（简称、文号的一部分、地名）。"));
  return el("div", {}, ...head, found.map((r) => section(`${KIND[r.kind]}（${num(r.total)}）`,
    table({ name: `top-${r.kind}`, columns: LISTING[r.kind].columns, rows: r.items, unit: LISTING[r.kind].unit, total: r.total,
            filename: `搜索-${KIND[r.kind]}-${q}` }),
    r.total > r.items.length ? link(href("search", "", { q, kind: r.kind }), `查看全部 ${num(r.total)} ${LISTING[r.kind].unit}`, "more") : null)));
}
