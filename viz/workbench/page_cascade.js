// 政策传导页: pick a higher and a lower region (any two levels); the counterpart agencies with
// their score and basis, the task pairs behind each pair side by side (upper | lower), the upper
// tasks no lower task carries down, and the network.

import { el, link, section, muted, score, num, BASIS } from "./dom.js";
import { get } from "./api.js";
import { href, param, setParams } from "./router.js";
import { table } from "./table.js";
import { network, keyToId } from "./network.js";
import { agencyLink, documentLink, taskLink } from "./columns.js";

export function regionPicker(name, label, value) {
  const list = el("datalist", { attrs: { id: `${name}-regions` } });
  const input = el("input", { attrs: { name, list: `${name}-regions`, placeholder: label, autocomplete: "off", "aria-label": label } });
  input.value = value || "";
  let last = "";
  input.addEventListener("input", async () => {
    const q = input.value.trim();
    if (!q || q === last) return;
    last = q;
    try {
      const res = await get("/regions", { q, limit: 15 });
      list.replaceChildren(...res.items.map((r) => el("option", { attrs: { value: r.name }, text: `${r.name}（${r.province || ""}）` })));
    } catch (e) { /* suggestions are a convenience */ }
  });
  return el("label", { cls: "picker" }, `${label} `, input, list);
}

function pickForm(upper, lower) {
  const form = el("form", { cls: "pick" }, regionPicker("upper", "上级地区", upper), regionPicker("lower", "下级地区", lower),
                  el("button", { text: "查看传导", attrs: { type: "submit" } }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const u = form.elements.upper.value.trim(), l = form.elements.lower.value.trim();
    if (u && l) location.hash = href("cascade", "", { upper: u, lower: l });
  });
  return form;
}

// the task pairs as rows (the cascade's top-level task_pairs when it has them, else each pair's tasks)
export function taskPairs(data) {
  const names = {};
  for (const p of data.pairs) for (const t of p.tasks) names[`${t.upper_task_key}|${t.lower_task_key}`] = p;
  const list = data.task_pairs || data.pairs.flatMap((p) => p.tasks);
  return list.map((t) => {
    const p = names[`${t.upper_task_key}|${t.lower_task_key}`] || {};
    return { ...t, upper_agency: p.upper, upper_key: p.upper_key, lower_agency: p.lower, lower_key: p.lower_key };
  });
}

const PAIR_TASK = [
  { title: "上级部门", value: (t) => t.upper_agency || "", cell: (t) => (t.upper_key ? agencyLink({ id: keyToId(t.upper_key), name: t.upper_agency }) : "") },
  { title: "上级任务", value: (t) => t.upper_task, cell: (t) => taskLink({ id: keyToId(t.upper_task_key), text: t.upper_task }), cls: "wide side-upper" },
  { title: "下级任务", value: (t) => t.lower_task, cell: (t) => taskLink({ id: keyToId(t.lower_task_key), text: t.lower_task }), cls: "wide side-lower" },
  { title: "下级部门", value: (t) => t.lower_agency || "", cell: (t) => (t.lower_key ? agencyLink({ id: keyToId(t.lower_key), name: t.lower_agency }) : "") },
  { title: "相似度", value: (t) => score(t.score) },
];

const UNCARRIED = [
  { title: "上级任务", value: (r) => r.task, cell: (r) => taskLink({ id: r.task_id, text: r.task }), cls: "wide" },
  { title: "责任单位", value: (r) => (r.agencies || []).join("、") },
  { title: "时限", value: (r) => r.deadline || "" },
  { title: "所在文件", value: (r) => r.upper_title || r.upper_document,
    cell: (r) => documentLink({ id: keyToId(r.upper_document), title: r.upper_number || r.upper_title }) },
];

function pairsTable(data, rows, onPick) {
  return table({ name: "pairs", param: "pp", rows: data.pairs, unit: "对对口部门", filename: `对口部门-${data.upper}-${data.lower}`,
    columns: [
      { title: "上级部门", value: (p) => p.upper, cell: (p) => agencyLink({ id: keyToId(p.upper_key), name: p.upper }) },
      { title: "下级部门", value: (p) => p.lower, cell: (p) => agencyLink({ id: keyToId(p.lower_key), name: p.lower }) },
      { title: "对口相似度", value: (p) => score(p.score) },
      { title: "依据", value: (p) => BASIS[p.basis] || p.basis || "" },
      { title: "支撑任务对", value: (p) => p.tasks.length,
        cell: (p) => el("button", { text: `${p.tasks.length} 对`, attrs: { type: "button", "data-pair": `${p.upper_key}|${p.lower_key}` },
                                    on: { click: () => onPick(`${p.upper_key}|${p.lower_key}`) } }) },
    ] });
}

export async function cascadePage(c) {
  const upper = c.params.get("upper") || "", lower = c.params.get("lower") || "";
  const head = [el("h1", { text: "政策传导" }), pickForm(upper, lower)];
  if (!upper || !lower) {
    return el("div", {}, ...head, muted("选择上级地区和下级地区（任意两个层级，如 河南省 → 许昌市、许昌市 → 禹州市），查看对口部门、任务的逐级落实和未被承接的任务。"));
  }
  const data = await get("/cascade", { upper, lower, min_tasks: 0 });
  const rows = taskPairs(data);
  const pairBox = el("div");
  const drawTasks = (pair) => {
    const shown = pair ? rows.filter((t) => `${t.upper_key}|${t.lower_key}` === pair) : rows;
    const title = pair ? muted(`只显示所选对口部门的任务对（${shown.length}）。`) : null;
    const all = pair ? el("button", { text: "显示全部任务对", attrs: { type: "button" }, on: { click: () => pick("") } }) : null;
    pairBox.replaceChildren(...[title, all].filter(Boolean), table({ name: "task-pairs", param: "tp", rows: shown, columns: PAIR_TASK,
      unit: "对任务", filename: `任务对-${data.upper}-${data.lower}`, empty: "没有上下级任务的派生关系。" }));
  };
  const pick = (pair) => { setParams({ pair, tp: null }); drawTasks(pair); };
  drawTasks(param("pair", ""));
  const uncarried = table({ name: "uncarried", param: "up", columns: UNCARRIED, unit: "项未承接任务", filename: `未承接任务-${data.upper}-${data.lower}`,
    empty: "下级地区引用的上级文件，其任务都有下级任务承接。",
    fetchPage: (offset, limit) => get("/cascade/uncarried", { upper: data.upper, lower: data.lower, offset, limit }) });
  return el("div", {}, ...head,
    el("p", { cls: "lead", text: `${data.upper} → ${data.lower}：${num(data.pairs.length)} 对对口部门，${num(rows.length)} 对任务。` }),
    section("对口部门", pairsTable(data, rows, pick)),
    section("任务对（上级 | 下级）", pairBox),
    section("未被承接的上级任务（下级文件引用了所在文件，但没有下级任务派生自它）", uncarried),
    section("传导网络", network({ name: "cascade", path: "/networks/cascade", params: { upper: data.upper, lower: data.lower },
                                   view: `/viz/cascade?upper=${encodeURIComponent(data.upper)}&lower=${encodeURIComponent(data.lower)}` })));
}
