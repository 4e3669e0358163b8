// The search page (viz/templates/index.html), served as /assets/index.js: the API's pages run no inline script.
  // Everything from the API is written with textContent: names and sentences are data, never HTML.
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fail(box, err) { box.replaceChildren(el("p", "出错：" + err, "error")); }
  async function getJSON(url) {
    var r = await fetch(url, {headers: {"Accept": "application/json"}});
    var body = await r.json();
    if (!r.ok) throw (body && body.error && body.error.message) || ("HTTP " + r.status);
    return body;
  }
  async function search(q) {
    var box = document.getElementById("results");
    box.replaceChildren(el("p", "搜索中…", "muted"));
    try {
      var body = await getJSON("/agencies?limit=50&q=" + encodeURIComponent(q));
      var items = body.items || [];
      var ul = el("ul");
      items.forEach(function (a) {
        var li = el("li");
        li.appendChild(el("div", a.name));
        li.appendChild(el("div", [a.region, a.level].filter(Boolean).join(" · "), "muted"));
        li.dataset.id = a.id || a.key;
        li.addEventListener("click", function () { show(li.dataset.id, a.name); });
        ul.appendChild(li);
      });
      box.replaceChildren(el("p", "共 " + (body.total !== undefined ? body.total : items.length) + " 个机构", "muted"), ul);
      if (items.length === 1) show(items[0].id || items[0].key, items[0].name);
    } catch (e) { fail(box, e); }
  }
  async function show(id, name) {
    var box = document.getElementById("detail");
    box.replaceChildren(el("h2", name));
    var view = "/viz/agency/" + encodeURIComponent(id);
    var link = el("a", "在新窗口打开协作网络图");
    link.href = view; link.target = "_blank";
    box.appendChild(link);
    try {
      var body = await getJSON("/agencies/" + encodeURIComponent(id));
      var duties = body.duties || [];
      box.appendChild(el("p", "职责 " + duties.length + " 项" + (body.duties_truncated ? "（未全部列出）" : ""), "muted"));
      var table = el("table"), head = el("tr");
      ["角色", "任务", "时限", "文件"].forEach(function (h) { head.appendChild(el("th", h)); });
      table.appendChild(head);
      duties.forEach(function (d) {
        var tr = el("tr");
        tr.appendChild(el("td", d.role === "responsible" ? (d.lead ? "牵头" : "负责") : "配合"));
        var task = el("td", d.task);
        if (d.sentence && d.sentence.text) task.title = d.sentence.text;
        tr.appendChild(task);
        tr.appendChild(el("td", d.deadline_text || d.deadline || ""));
        tr.appendChild(el("td", d.doc_number || d.title || d.document_key || ""));
        table.appendChild(tr);
      });
      box.appendChild(table);
    } catch (e) { box.appendChild(el("p", "职责读取失败：" + e, "error")); }
    var frame = el("iframe");
    frame.title = "协作网络";
    frame.src = view;
    box.appendChild(frame);
  }
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("q").value.trim();
    if (q) search(q);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { document.getElementById("q").value = initial; search(initial); }
