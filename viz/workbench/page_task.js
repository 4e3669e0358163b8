// 任务页: a task's text, deadline, agencies, targets and source sentence, and its chain through
// the levels (the tasks it derives from, and those derived from it).

import { el, section, muted, field, marked, levelName, score } from "./dom.js";
import { get, idPath } from "./api.js";
import { table } from "./table.js";
import { keyToId } from "./network.js";
import { agencyLink, documentLink, regionLink, taskLink } from "./columns.js";

const CHAIN = [
  { title: "方向", value: (r) => (r.depth > 0 ? `上溯 ${r.depth} 级` : r.depth < 0 ? `下延 ${-r.depth} 级` : "本任务") },
  { title: "层级", value: (r) => levelName(r.level) },
  { title: "地区", value: (r) => r.region || "", cell: (r) => regionLink(r.region) },
  { title: "任务", value: (r) => r.text, cell: (r) => (r.depth ? taskLink({ id: keyToId(r.key), text: r.text }) : el("b", { text: r.text })), cls: "wide" },
  { title: "文件", value: (r) => r.document_key || "", cell: (r) => (r.document_key ? documentLink({ id: keyToId(r.document_key), key: r.document_key }) : "") },
  { title: "相似度", value: (r) => (r.depth ? score(r.score) : "") },
];

export async function taskPage(c) {
  const res = await get(`/tasks/${idPath(c.arg)}`);
  const t = res.task;
  const by = (role) => t.agencies.filter((a) => a.role === role);
  const list = (xs) => (xs.length ? el("span", {}, xs.flatMap((a, i) => [i ? "、" : "", agencyLink(a)])) : null);
  return el("div", {},
    el("h1", { cls: "task-title", text: t.text }),
    el("div", { cls: "fields" },
      field("所在文件", t.document ? documentLink(t.document, t.document.title || t.document.doc_number) : null),
      field("章节", t.section), field("时限", t.deadline_text || t.deadline), field("地区", t.region ? regionLink(t.region) : null),
      field("层级", levelName(t.level)), field("责任单位", list(by("responsible"))), field("配合单位", list(by("cooperating"))),
      field("指标", t.targets.map((g) => g.text).join("；"))),
    section("原文", t.sentence ? el("p", {}, marked(t.sentence, t.span_start, t.span_end)) : muted("没有原文位置。")),
    section("逐级传导链（上溯：它落实的上级任务；下延：落实它的下级任务）",
      table({ name: "chain", param: "p", rows: res.chain, columns: CHAIN, unit: "项任务", filename: "任务传导链" })));
}
