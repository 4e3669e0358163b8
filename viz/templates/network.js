// Draws a network view (viz/templates/network.html) from the JSON data block of the page;
// served as /assets/network.js (a page served by the API runs no inline script) and inlined
// into the files `policykg viz` writes.
(function () {
  var data = JSON.parse(document.getElementById("policykg-data").textContent);
  document.querySelectorAll("[data-colour]").forEach(function (el) {  // legend swatches and lines
    if (el.classList.contains("line")) { el.style.borderTopColor = el.dataset.colour; }
    else { el.style.background = el.dataset.colour; }
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("network"), {nodes: nodes, edges: edges}, data.options);
  var focusIds = data.focus;
  var minScale = data.minScale;  // below it a label is under data.minLabelPx px at 100% zoom
  window.omitted = data.omitted;
  window.network = network;
  window.policykgReady = false;
  function settle() {
    network.fit();
    if (network.getScale() < minScale) {  // the whole graph only fits with unreadable labels: keep them readable
      var at = focusIds.length ? network.getPositions(focusIds)[focusIds[0]] : network.getViewPosition();
      network.moveTo({scale: minScale, position: at});
      document.getElementById("counts").textContent += "（未显示全图：滚轮缩小可看全部）";
    }
    window.policykgReady = true;
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});  // a still picture: no CPU spent after the layout
      settle();
    });
  } else {
    settle();
  }
})();
