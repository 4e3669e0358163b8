// A network of the API's /networks/... routes, drawn with vis-network (served by this server) when it
// scrolls into view.
// Capped: the route draws the nodes nearest the focus; "显示更多" asks for twice as many (the
// count lives in the URL).  Every network downloads as GEXF for Gephi.  Clicking a node opens
// its page.

import { el, num, errorBox } from "./dom.js";
import { url, get } from "./api.js";
import { href, intParam, setParams } from "./router.js";

const MAX_NODES = 2000;
window.policykgNetworks = window.policykgNetworks || {};

// the public id of a graph key: URL-safe base64 of its UTF-8 bytes, unpadded (as the API's ids)
export function keyToId(key) {
  const bytes = new TextEncoder().encode(key);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const PAGE_OF = { Agency: "agency", Document: "document", Task: "task" };

function legend(data) {
  const items = [];
  for (const [name, colour] of data.legend.nodes) {
    const sw = el("span", { cls: "swatch" });
    sw.style.background = colour;
    items.push(el("span", {}, sw, name));
  }
  for (const [name, colour, dashed] of data.legend.edges) {
    const ln = el("span", { cls: dashed ? "line dashed" : "line" });
    ln.style.borderTopColor = colour;
    items.push(el("span", {}, ln, name));
  }
  return el("div", { cls: "legend" }, items);
}

function draw(canvas, data, box, name) {
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const net = new vis.Network(canvas, { nodes, edges }, data.options);
  window.policykgNetworks[name] = net;
  const settle = () => {
    net.fit();
    if (net.getScale() < data.min_scale) {  // keep labels readable: centre on the focus instead
      const at = data.focus.length ? net.getPositions(data.focus)[data.focus[0]] : net.getViewPosition();
      net.moveTo({ scale: data.min_scale, position: at });
    }
    box.dataset.ready = "true";
  };
  if (data.physics) {
    net.once("stabilizationIterationsDone", () => { net.setOptions({ physics: { enabled: false } }); settle(); });
  } else settle();
  net.on("doubleClick", (p) => {
    if (!p.nodes.length) return;
    const n = nodes.get(p.nodes[0]);
    const page = PAGE_OF[n.ptype];
    if (page && n.key) location.hash = href(page, keyToId(n.key));
  });
}

export function network(opts) {
  const name = opts.name;
  const param = opts.param || "n";
  const box = el("div", { cls: "network", attrs: { "data-network": name } });
  const info = el("div", { cls: "network-head" });
  const canvas = el("div", { cls: "network-canvas", attrs: { id: "network-" + name } });
  box.append(info, canvas);
  const nodes = Math.min(MAX_NODES, intParam(param, opts.nodes || 100));

  async function load() {
    try {
      const data = await get(opts.path, { ...opts.params, max_nodes: nodes });
      const gexf = el("a", { cls: "button", text: "导出 GEXF", href: url(opts.path, { ...opts.params, format: "gexf" }),
                             attrs: { download: `${name}.gexf`, "data-gexf": name } });
      const next = Math.min(MAX_NODES, data.max_nodes, nodes * 2);
      const more = el("button", { text: `显示更多（最多 ${num(next)} 个节点）`,
                                  attrs: { type: "button", "data-more": name } });
      more.addEventListener("click", () => { setParams({ [param]: next }); box.replaceWith(network(opts)); });
      const omitted = Object.values(data.omitted || {}).reduce((a, b) => a + b, 0);
      info.replaceChildren(
        el("div", { cls: "network-bar" },
          el("span", { cls: "count", text: `${num(data.nodes_drawn)} 个节点，${num(data.edges_drawn)} 条关系` +
                                           (omitted ? `，另有 ${num(omitted)} 个节点未显示` : "") }),
          data.more && nodes < Math.min(MAX_NODES, data.max_nodes) ? more : null,
          gexf,
          opts.view ? el("a", { cls: "button", text: "新窗口打开", href: opts.view, attrs: { target: "_blank", rel: "noopener" } }) : null),
        ...data.notes.map((n) => el("p", { cls: "note", text: n })),
        legend(data),
        el("p", { cls: "muted", text: "滚轮缩放，拖动平移；鼠标悬停看原文，双击节点打开它的页面。" }));
      if (!data.nodes.length) {
        canvas.replaceWith(el("p", { cls: "muted", text: "没有可画的节点。" }));
        box.dataset.ready = "true";
        return;
      }
      draw(canvas, data, box, name);
    } catch (e) {
      info.replaceChildren(errorBox(e.message));
      box.dataset.ready = "true";
    }
  }
  // drawn when it comes into view (networks sit below the tables): the page's first data is only what shows
  if ("IntersectionObserver" in window) {
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { seen.disconnect(); load(); }
    }, { rootMargin: "200px" });
    seen.observe(box);
  } else load();
  info.replaceChildren(el("p", { cls: "muted", text: "网络图将在滚动到这里时加载。" }));
  return box;
}
