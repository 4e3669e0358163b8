// The policy-instrument view (viz/instruments.py): stacked bars of the mix by region or year,
// the tasks behind a bar on click.  Data come from the page's JSON block; document text is only
// ever set as textContent, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mix-data").textContent);
  var colors = {};
  data.tools.forEach(function (t) { colors[t.tool] = t.color; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function pct(n, total) { return total ? (100 * n / total).toFixed(1) + "%" : ""; }

  var tasks = data.groups.reduce(function (n, g) { return n + g.total; }, 0);
  document.getElementById("summary").textContent =
    data.groups.length + " 组，" + tasks + " 项任务" + (data.with_also ? "（含兼用工具）" : "（按主要工具）") +
    "。点击色块查看对应任务。";

  var legend = document.getElementById("legend");
  var lastType = null;
  data.tools.forEach(function (t) {
    var item = el("span", "item");
    if (t.type !== lastType) { item.appendChild(el("span", "type", t.type_name)); lastType = t.type; }
    var sw = el("span", "swatch");
    sw.style.backgroundColor = t.color;
    item.appendChild(sw);
    item.appendChild(document.createTextNode(t.tool));
    legend.appendChild(item);
  });

  var chart = document.getElementById("chart");
  data.groups.forEach(function (g, i) {
    var row = el("div", "row");
    row.appendChild(el("span", "label", g.label));
    var bar = el("div", "bar");
    data.tools.forEach(function (t) {
      var n = g.tools[t.tool];
      if (!n) { return; }
      var seg = el("span", "seg");
      seg.style.width = (100 * n / g.total) + "%";
      seg.style.backgroundColor = t.color;
      seg.title = g.label + " · " + t.tool + "：" + n + " 项（" + pct(n, g.total) + "）";
      seg.dataset.group = String(i);
      seg.dataset.tool = t.tool;
      seg.addEventListener("click", function () { show(i, t.tool, seg); });
      bar.appendChild(seg);
    });
    row.appendChild(bar);
    row.appendChild(el("span", "total", g.total + " 项"));
    chart.appendChild(row);
  });

  function show(i, tool, seg) {
    var selected = document.querySelector(".seg.selected");
    if (selected) { selected.classList.remove("selected"); }
    seg.classList.add("selected");
    var g = data.groups[i];
    var key = i + "|" + tool;
    var list = data.tasks[key] || [];
    document.getElementById("detail").hidden = false;
    document.getElementById("detail-title").textContent =
      g.label + " · " + tool + "：" + (g.tools[tool] || 0) + " 项任务";
    var ol = document.getElementById("task-list");
    ol.textContent = "";
    list.forEach(function (t) {
      var li = el("li");
      li.dataset.key = t.key;
      var text = el("span", "text");
      var at = t.cue ? t.task.indexOf(t.cue) : -1;
      if (at >= 0) {
        text.appendChild(document.createTextNode(t.task.slice(0, at)));
        text.appendChild(el("mark", "cue", t.cue));
        text.appendChild(document.createTextNode(t.task.slice(at + t.cue.length)));
      } else {
        text.textContent = t.task;
      }
      li.appendChild(text);
      var meta = "依据：" + (t.cue || "（无）") + "（" + t.rule + (t.primary ? "" : "，兼用") + "）；文件：" + t.document;
      if (t.responsible.length) { meta += "；负责：" + t.responsible.join("、"); }
      if (t.cooperating.length) { meta += "；配合：" + t.cooperating.join("、"); }
      li.appendChild(el("span", "meta", meta));
      if (t.source && t.source !== t.task) { li.appendChild(el("span", "meta", "原文：" + t.source)); }
      ol.appendChild(li);
    });
    var more = data.more[key] || 0;
    document.getElementById("more").textContent = more ? "另有 " + more + " 项未列出。" : "";
  }

  window.policykgReady = true;
}());
