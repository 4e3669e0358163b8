// 机构页: who the agency is, its duties (牵头 / 负责 / 配合) with deadline, source document and the
// sentence each came from, filtered by document, year and role; whom it works with; its
// predecessors and successors across reforms; its counterparts above and below; its network.

import { el, link, section, muted, field, chips, marked, levelName, score, num, ROLE, BASIS } from "./dom.js";
import { get, idPath } from "./api.js";
import { href, param, setParams } from "./router.js";
import { table } from "./table.js";
import { network, keyToId as keyId } from "./network.js";
import { agencyLink, documentLink, regionLink, taskLink } from "./columns.js";

const DUTY = [
  { title: "角色", value: (d) => ROLE[d.duty_role] || d.duty_role, cell: (d) => el("span", { cls: "role " + d.duty_role, text: ROLE[d.duty_role] }),
    cls: "nowrap" },
  { title: "任务", value: (d) => d.task, cell: (d) => taskLink({ id: d.task_id, text: d.task }) },
  { title: "时限", value: (d) => d.deadline_text || d.deadline || "", cls: "nowrap" },
  { title: "来源文件", cls: "nowrap", value: (d) => d.doc_number || d.title || d.document_key,
    cell: (d) => documentLink({ id: d.document_id, title: d.title }, d.doc_number || d.title) },
  { title: "日期", value: (d) => d.date || "", cls: "nowrap" },
  { title: "原文", value: (d) => (d.sentence ? d.sentence.text : ""), cell: (d) => marked(d.sentence, d.span_start, d.span_end), cls: "wide" },
  { title: "经由", value: (d) => (d.through ? `${d.through === "collective" ? "集体" : "机构改革"}：${d.via}` : "") },
];

function counterpartList(items, empty) {
  if (!items.length) return muted(empty);
  return el("ul", { cls: "plain" }, items.map((o) => el("li", {}, agencyLink(o), ` · ${o.region || ""} · 相似度 ${score(o.score)}` +
                                                     (o.basis ? ` · 依据：${BASIS[o.basis] || o.basis}` : ""))));
}

function reformList(items, empty) {
  if (!items.length) return muted(empty);
  return el("ul", { cls: "plain" }, items.map((r) => el("li", {}, agencyLink({ id: keyId(r.other_key), name: r.other }),
    ` · ${r.year || "年份不明"}年 · ${r.share === "whole" ? "整体" : "部分"}职能` + (r.steps > 1 ? "（两次改革）" : ""))));
}

function filters(facets, onChange) {
  const cur = { role: param("role", ""), year: param("year", ""), document: param("document", "") };
  const select = (name, label, options) => {
    const s = el("select", { attrs: { name, "aria-label": label } },
      el("option", { text: `${label}：全部`, attrs: { value: "" } }),
      options.map(([v, t]) => el("option", { text: t, attrs: { value: v } })));
    s.value = cur[name];
    s.addEventListener("change", () => { cur[name] = s.value; onChange(cur); });
    return s;
  };
  return el("div", { cls: "filters" },
    select("role", "角色", facets.roles.map((r) => [r.role, `${ROLE[r.role]}（${r.duties}）`])),
    select("year", "年份", facets.years.filter((y) => y.year).map((y) => [y.year, `${y.year}年（${y.duties}）`])),
    select("document", "文件", facets.documents.map((d) => [d.key, `${d.doc_number || d.title || d.key}（${d.duties}）`])));
}

const PAGE = 20;

function dutiesPage(id, cur, offset, limit) {
  return get(`/agencies/${idPath(id)}/duties`, { ...cur, offset, limit })
    .then((r) => ({ ...r, items: r.items.map(withIds) }));
}

function dutiesTable(id, cur, initial) {
  return table({ name: "duties", param: "p", columns: DUTY, unit: "项职责", filename: "职责", pageSize: PAGE, initial,
                 fetchPage: (offset, limit) => dutiesPage(id, cur, offset, limit) });
}

function withIds(d) {
  return { ...d, task_id: d.task_key ? keyId(d.task_key) : null, document_id: d.document_key ? keyId(d.document_key) : null };
}

export async function agencyPage(c) {
  const id = c.arg;
  const cur = { role: param("role", ""), year: param("year", ""), document: param("document", "") };
  const offset = (Math.max(1, parseInt(param("p", "1"), 10) || 1) - 1) * PAGE;
  // one read of the duties gives the filters' counts and the table's first page
  const [a, first] = await Promise.all([get(`/agencies/${idPath(id)}`, { duties: "false" }),
                                        dutiesPage(id, cur, offset, PAGE)]);
  const ag = a.agency;
  const dutyBox = el("div");
  const draw = (filter, initial) => dutyBox.replaceChildren(dutiesTable(id, filter, initial));
  const filterBar = filters(first.facets, (filter) => { setParams({ ...filter, p: null }); draw(filter); });
  draw(cur, first);
  const coop = el("div");
  get(`/agencies/${idPath(id)}/cooperation`).then((r) => coop.replaceChildren(table({
    name: "cooperation", param: "cp", unit: "个协作机构", filename: "协作机构",
    rows: r.rows.map((x) => ({ ...x, partner_id: keyId(x.partner_key) })),
    columns: [
      { title: "协作机构", value: (x) => x.partner, cell: (x) => agencyLink({ id: x.partner_id, name: x.partner }) },
      { title: "地区", value: (x) => x.partner_region, cell: (x) => regionLink(x.partner_region) },
      { title: "共同任务数", value: (x) => x.shared_tasks },
      { title: "共同任务（前三项）", value: (x) => x.tasks.map((t) => t.task).join("；"),
        cell: (x) => el("span", { text: x.tasks.slice(0, 3).map((t) => t.task).join("；") }) },
    ] }))).catch((e) => coop.replaceChildren(muted("协作机构读取失败：" + e.message)));
  const f = first.facets;
  const tally = f.roles.map((r) => `${ROLE[r.role]} ${num(r.duties)} 项`).join("，") || "没有职责";
  return el("div", {},
    el("h1", { text: ag.name }),
    el("div", { cls: "fields" },
      field("地区", regionLink(ag.region)), field("层级", levelName(ag.level)), field("职能", ag.function),
      field("别名", (a.aliases || []).join("、")), field("职责", tally)),
    chips([link(href("search", "", { q: ag.name, kind: "task" }), "搜索含此名称的任务"),
           ag.region ? link(href("region", ag.region), `${ag.region}概览`) : null,
           link(href("coissuance", "", { region: ag.region || "" }), "联合发文网络")]),
    el("div", { cls: "two" },
      section("上级对口部门", counterpartList(a.counterparts.upper, "没有上级对口部门。")),
      section("下级对口部门", counterpartList(a.counterparts.lower, "没有下级对口部门。"))),
    el("div", { cls: "two" },
      section("前身（机构改革）", reformList(a.predecessors, "没有记录的前身机构。")),
      section("承继机构（机构改革）", reformList(a.successors, "没有记录的承继机构。"))),
    section("职责", filterBar, dutyBox),
    section("协作机构（共同承担任务）", coop),
    section("协作网络", network({ name: "agency", path: `/networks/agency/${idPath(id)}`, params: {},
                                   view: `/viz/agency/${idPath(id)}` })));
}
