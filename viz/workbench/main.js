// The workbench: one page per URL (#/PAGE/ARG?PARAMS), drawn from the public API.

import { el, errorBox } from "./dom.js";
import { current, href } from "./router.js";
import { homePage, searchPage } from "./page_search.js";
import { agencyPage } from "./page_agency.js";
import { documentPage } from "./page_document.js";
import { regionPage } from "./page_region.js";
import { cascadePage } from "./page_cascade.js";
import { diffusionPage, coissuancePage } from "./page_diffusion.js";
import { taskPage } from "./page_task.js";

const PAGES = { home: homePage, search: searchPage, agency: agencyPage, document: documentPage, region: regionPage,
                cascade: cascadePage, diffusion: diffusionPage, coissuance: coissuancePage, task: taskPage };
const TITLES = { home: "首页", search: "搜索", agency: "机构", document: "文件", region: "地区", cascade: "政策传导",
                 diffusion: "政策扩散", coissuance: "联合发文", task: "任务" };

let drawing = 0;

async function render() {
  const c = current();
  const app = document.getElementById("app");
  const turn = ++drawing;
  document.body.dataset.page = c.page;
  document.body.dataset.ready = "false";
  const box = document.getElementById("search-box");
  if (c.page === "search") box.value = c.params.get("q") || "";
  app.replaceChildren(el("p", { cls: "muted", text: "加载中…" }));
  const page = PAGES[c.page];
  try {
    const node = page ? await page(c) : el("p", { cls: "error", text: `没有这个页面：${c.page}` });
    if (turn !== drawing) return;  // the user went on meanwhile
    app.replaceChildren(node);
    const h1 = app.querySelector("h1");
    document.title = `${h1 ? h1.textContent : TITLES[c.page] || ""} · 政策知识图谱`;
  } catch (e) {
    if (turn !== drawing) return;
    app.replaceChildren(el("h1", { text: TITLES[c.page] || "出错" }), errorBox(e.message));
  }
  document.body.dataset.ready = "true";
  window.scrollTo(0, 0);
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("search-box").value.trim();
  if (q) location.hash = href("search", "", { q });
});
window.addEventListener("hashchange", render);
render();
