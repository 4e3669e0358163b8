// 地区页: a region's place among the levels, its documents over time, its agencies, zones,
// clusters and targets, and the documents of the levels above that it carries down.

import { el, link, section, muted, field, chips, levelName, num } from "./dom.js";
import { get, query } from "./api.js";
import { href } from "./router.js";
import { table } from "./table.js";
import { network, keyToId } from "./network.js";
import { bars } from "./charts.js";
import { AGENCY, DOCUMENT, ZONE, CLUSTER, TARGET, documentLink, regionLink } from "./columns.js";

const CARRIED = [
  { title: "上级文件", value: (r) => r.upper_title || r.upper_number || r.upper_key,
    cell: (r) => documentLink({ id: keyToId(r.upper_key), title: r.upper_title || r.upper_number || r.upper_key }) },
  { title: "文号", value: (r) => r.upper_number || "" },
  { title: "层级", value: (r) => levelName(r.upper_level) },
  { title: "地区", value: (r) => r.upper_region || "", cell: (r) => regionLink(r.upper_region) },
  { title: "日期", value: (r) => r.upper_date || "" },
  { title: "本地落实文件数", value: (r) => r.lower_documents },
  { title: "最短时滞（天）", value: (r) => r.first_lag_days ?? "" },
  { title: "扩散", value: () => "查看", cell: (r) => link(href("diffusion", "", { upper: r.upper_key }), "各地落实情况") },
];

function paged(name, path, params, columns, unit, filename) {
  return table({ name, param: name + "_p", columns, unit, filename, pageSize: 10,
                 fetchPage: (offset, limit) => get(path, { ...params, offset, limit }) });
}

export async function regionPage(c) {
  const name = c.arg;
  const r = await get(`/regions/${encodeURIComponent(name)}`);
  const years = r.documents_by_year.filter((y) => y.year !== null)
    .map((y) => ({ label: String(y.year), values: { own: y.own, below: y.below } }));
  const carried = el("div");
  query("carried_down", { region: name }).then((res) => carried.replaceChildren(table({
    name: "carried", param: "cd_p", columns: CARRIED, rows: res.rows, unit: "件上级文件", filename: `${name}-落实的上级文件`,
    empty: "本地的文件没有引用已导入的上级文件。" }))).catch((e) => carried.replaceChildren(muted("读取失败：" + e.message)));
  const byName = (n) => link(href("region", n), n);
  return el("div", {},
    el("h1", { text: name }),
    el("div", { cls: "fields" },
      field("层级", levelName(r.level)), field("上级", r.parent ? byName(r.parent) : null),
      field("本级文件", `${num(r.documents)} 件`), field("下级文件", `${num(r.documents_below)} 件`),
      field("机构", num(r.agencies)), field("任务", num(r.tasks)), field("指标", num(r.targets)),
      field("园区", num(r.zones)), field("产业集群", num(r.clusters))),
    r.children.length ? el("div", { cls: "children" }, el("span", { cls: "label", text: "下辖：" }),
                           chips(r.children.map((x) => byName(x.name)))) : null,
    chips([r.parent ? link(href("cascade", "", { upper: r.parent, lower: name }), `政策传导：${r.parent} → ${name}`) : null,
           link(href("coissuance", "", { region: name }), "本地联合发文网络"),
           link(href("search", "", { q: name, kind: "task" }), "搜索含地名的任务")]),
    section("文件数量（按年）", years.length ? bars(years, [{ key: "own", name: "本级文件", cls: "s-own" },
                                                         { key: "below", name: "下级文件", cls: "s-below" }]) : muted("没有带日期的文件。")),
    section("落实的上级文件（本级文件引用的上级文件）", carried),
    section("文件", paged("documents", "/documents", { region: name }, DOCUMENT, "件文件", `${name}-文件`)),
    section("机构", paged("agencies", "/agencies", { region: name }, AGENCY, "个机构", `${name}-机构`)),
    el("div", { cls: "two" },
      section("园区", paged("zones", "/zones", { region: name }, ZONE, "个园区", `${name}-园区`)),
      section("产业集群", paged("clusters", "/clusters", { region: name }, CLUSTER, "个产业集群", `${name}-产业集群`))),
    section("指标", paged("targets", "/targets", { region: name }, TARGET, "个指标", `${name}-指标`)),
    section("地区网络（机构、文件、园区、产业集群）", network({ name: "region", path: `/networks/region/${encodeURIComponent(name)}`,
      params: { types: "Agency,Document,Zone,Cluster" }, view: `/viz/region/${encodeURIComponent(name)}?types=Agency,Document,Zone,Cluster` })));
}
