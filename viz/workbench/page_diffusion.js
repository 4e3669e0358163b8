// 政策扩散页: the higher-level documents carried down the most; for one of them, which regions
// adopted it and when (the adoption curve, the lags), with the lower documents; and 联合发文:
// the co-issuance network of a region's agencies.

import { el, link, section, muted, num, levelName, BASIS } from "./dom.js";
import { get } from "./api.js";
import { href } from "./router.js";
import { table } from "./table.js";
import { network, keyToId } from "./network.js";
import { adoption } from "./charts.js";
import { regionPicker } from "./page_cascade.js";
import { agencyLink, documentLink, regionLink, docName } from "./columns.js";

const UPPERS = [
  { title: "上级文件", value: (u) => u.upper.title || u.upper.number || u.upper.key,
    cell: (u) => link(href("diffusion", "", { upper: u.upper.key }), u.upper.title || u.upper.number || u.upper.key) },
  { title: "文号", value: (u) => u.upper.number || "", cls: "nowrap" },
  { title: "层级", value: (u) => levelName(u.upper.level) },
  { title: "日期", value: (u) => u.upper.date || "", cls: "nowrap" },
  { title: "落实地区数", value: (u) => u.adopting_regions },
  { title: "下级文件数", value: (u) => u.lower_documents },
  { title: "时滞中位数（天）", value: (u) => u.median_lag_days ?? "" },
  { title: "落实地区", value: (u) => u.regions.join("、") },
];

const PAIRS = [
  { title: "下级文件", value: (p) => docName(p.lower), cell: (p) => documentLink({ ...p.lower, id: keyToId(p.lower.key) }) },
  { title: "地区", value: (p) => p.lower.region || "", cell: (p) => regionLink(p.lower.region) },
  { title: "层级", value: (p) => levelName(p.lower.level) },
  { title: "日期", value: (p) => p.lower.date || "", cls: "nowrap" },
  { title: "时滞（天）", value: (p) => p.lag_days ?? "" },
  { title: "承接任务", value: (p) => `${p.tasks_carried}/${p.tasks_total}` },
  { title: "文本复用率", value: (p) => (p.reproduction === null || p.reproduction === undefined ? "" : `${Math.round(p.reproduction * 100)}%`) },
  { title: "引用依据", value: (p) => BASIS[p.basis] || p.basis || "" },
];

function searchForm(q) {
  const input = el("input", { attrs: { name: "q", placeholder: "上级文件的标题或文号", "aria-label": "上级文件" } });
  input.value = q || "";
  const form = el("form", { cls: "pick" }, input, el("button", { text: "筛选", attrs: { type: "submit" } }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = href("diffusion", "", { q: input.value.trim() }); });
  return form;
}

function undatedNote(firsts) {
  const n = firsts.filter((f) => !f.date).length;
  return n ? muted(`${n} 个地区的落实文件没有日期，未画入曲线。`) : null;
}

export async function diffusionPage(c) {
  const upper = c.params.get("upper") || "";
  const q = c.params.get("q") || "";
  if (!upper) {
    return el("div", {}, el("h1", { text: "政策扩散" }),
      muted("上级文件被下级文件引用、落实的情况：落实的地区越多越靠前。点击一份文件查看采纳曲线和各地的时滞。"), searchForm(q),
      section("被下级落实的上级文件", table({ name: "uppers", param: "p", columns: UPPERS, unit: "件上级文件", filename: "政策扩散-上级文件",
        fetchPage: (offset, limit) => get("/diffusion/uppers", { q, offset, limit }) })));
  }
  const d = await get("/diffusion", { upper });
  const pairs = d.pairs.filter((p) => p.upper.key === upper || p.upper.key === d.pairs[0].upper.key);
  const doc = pairs.length ? pairs[0].upper : null;
  const summary = d.uppers.find((u) => doc && u.upper.key === doc.key);
  const firstByRegion = {};
  for (const p of pairs) {
    const r = p.lower.region || p.lower.key;
    if (!firstByRegion[r] || (p.lower.date || "9") < (firstByRegion[r].date || "9")) firstByRegion[r] = { date: p.lower.date, label: r };
  }
  return el("div", {}, el("h1", { text: "政策扩散" }),
    doc ? el("p", { cls: "lead" }, "上级文件：", documentLink({ id: keyToId(doc.key), title: doc.title || doc.key }),
             `（${levelName(doc.level)}，${doc.region || ""}，${doc.date || "日期不明"}）`) : muted("没有下级文件引用这份文件。"),
    summary ? el("p", { text: `${num(summary.adopting_regions)} 个地区的 ${num(summary.lower_documents)} 件文件落实了它；时滞中位数 ${summary.median_lag_days ?? "不明"} 天。` }) : null,
    doc ? section("采纳曲线（各地区首次落实的日期，累计地区数）", adoption(doc.date, Object.values(firstByRegion)),
                  undatedNote(Object.values(firstByRegion))) : null,
    section("下级文件与时滞", table({ name: "diffusion-pairs", param: "p", rows: pairs, columns: PAIRS, unit: "件下级文件",
                                      filename: `政策扩散-${doc ? doc.key : upper}` })),
    link(href("diffusion"), "← 全部上级文件", "more"));
}

const COISSUED = [
  { title: "机构", value: (r) => r.agency, cell: (r) => agencyLink({ id: keyToId(r.agency_key), name: r.agency }) },
  { title: "地区", value: (r) => r.agency_region || "" },
  { title: "合作机构", value: (r) => r.partner, cell: (r) => agencyLink({ id: keyToId(r.partner_key), name: r.partner }) },
  { title: "地区", value: (r) => r.partner_region || "" },
  { title: "联合发文数", value: (r) => r.documents },
  { title: "文件", value: (r) => (r.document_keys || []).join("；"),
    cell: (r) => el("span", {}, (r.document_keys || []).slice(0, 5).flatMap((k, i) => [i ? "、" : "", documentLink({ id: keyToId(k), title: k })])) },
];

export async function coissuancePage(c) {
  const region = c.params.get("region") || "";
  const min = Math.max(1, parseInt(c.params.get("min") || "1", 10) || 1);
  const form = el("form", { cls: "pick" }, regionPicker("region", "地区（可空）", region),
    el("label", {}, "至少联合发文 ", el("input", { attrs: { name: "min", type: "number", min: "1", value: String(min), "aria-label": "至少联合发文件数" } }), " 件"),
    el("button", { text: "查看", attrs: { type: "submit" } }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = href("coissuance", "", { region: form.elements.region.value.trim(), min: form.elements.min.value });
  });
  const res = await get("/coissuance", { region, min_documents: min });
  return el("div", {}, el("h1", { text: "联合发文网络" }),
    muted("机构联合印发文件的情况：每对机构一条记录，数字为联合发文件数。"), form,
    section(`联合发文的机构对${region ? `（${region}）` : ""}`, table({ name: "coissuance", param: "p", rows: res.rows, columns: COISSUED,
      unit: "对机构", filename: `联合发文-${region || "全部"}`, empty: "没有联合发文的记录。" }),
      res.truncated ? muted(res.message || "只列出了一部分。") : null),
    section("网络", network({ name: "coissuance", path: "/networks/coissuance", params: { region, min_documents: min } })));
}


