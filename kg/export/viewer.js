/* The viewer of kg's HTML export. Data is untrusted text: it only ever goes into textContent. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodesById = new Map();
  var edgesById = new Map();
  data.nodes.forEach(function (n) { nodesById.set(n.id, n); });
  data.edges.forEach(function (e) { edgesById.set(e.id, e); });

  var LINK_NAMES = [
    ["helpers", "Helpers"], ["recipients", "Recipients"], ["participants", "Participants"],
    ["campaigns", "Campaigns"], ["mutual_aid", "Mutual aid"], ["measurements", "Measurements"],
    ["subject", "Subject"], ["part_of", "Part of"], ["parts", "Parts"],
    ["located_in", "Located in"], ["contains", "Contains"]
  ];

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({ id: n.id, x: n.x, y: n.y }, n.vis);
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({ id: e.id, from: e.from, to: e.to }, e.vis);
  }));
  var options = {
    physics: false,
    interaction: { hover: true, tooltipDelay: 150, multiselect: false },
    nodes: { font: { face: "system-ui, sans-serif", size: 14, multi: false }, margin: 8 },
    edges: { smooth: false, font: { multi: false } }
  };
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, options);

  // ------------------------------------------------------------------ side panel

  var panel = document.getElementById("kg-panel");

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function nodeName(id) {
    var n = nodesById.get(id);
    return n ? String(n.data.label || id) : String(id);
  }

  function link(id) {
    if (!nodesById.has(id)) { return el("span", id); }
    var b = el("button", nodeName(id), "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { select(id); });
    return b;
  }

  function links(ids) {
    var span = el("span");
    ids.forEach(function (id, i) {
      if (i) { span.appendChild(document.createTextNode("; ")); }
      span.appendChild(link(id));
    });
    return span;
  }

  function row(dl, name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) { return; }
    dl.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); }
    else if (Array.isArray(value)) { dd.textContent = value.map(String).join("; "); }
    else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }

  function articleLine(id) {
    var a = data.articles[id];
    if (!a) { return String(id); }
    var parts = [];
    if (a.title) { parts.push(a.title); }
    if (a.title_zh) { parts.push(a.title_zh); }
    if (a.date) { parts.push(a.date); }
    if (a.page !== null && a.page !== undefined) { parts.push("p. " + a.page); }
    parts.push("[" + id + "]");
    return parts.join(", ");
  }

  function evidence(list) {
    var box = el("div");
    (list || []).forEach(function (ev) {
      var fig = el("figure");
      var quote = el("blockquote", ev.text);
      quote.lang = ev.lang === "zh" ? "zh" : "en";
      fig.appendChild(quote);
      fig.appendChild(el("figcaption", articleLine(ev.article)));
      box.appendChild(fig);
    });
    return box;
  }

  function start(heading, zh) {
    panel.replaceChildren();
    panel.appendChild(el("h2", heading));
    if (zh) {
      var p = el("p", zh, "kg-zh");
      p.lang = "zh";
      panel.appendChild(p);
    }
    var dl = el("dl");
    panel.appendChild(dl);
    return dl;
  }

  function campaign(id) { return id ? link(id) : null; }

  function showNode(id) {
    var n = nodesById.get(id);
    if (!n) { return; }
    var d = n.data;
    var dl = start(d.label || id, d.label_zh);
    row(dl, "Type", d.type);
    row(dl, "Also called", d.alt_labels);
    row(dl, "Role", d.role);
    row(dl, "Indicator", d.indicator);
    if (d.value !== undefined) {
      row(dl, "Value", (d.lower_bound ? "more than " : "") + d.value + (d.unit === "%" ? "" : " ") + (d.unit || ""));
    }
    row(dl, "Kind", d.kind);
    row(dl, "Period", d.period);
    row(dl, "Forms", d.forms);
    row(dl, "Campaign", campaign(d.campaign));
    LINK_NAMES.forEach(function (pair) {
      var ids = n.links[pair[0]];
      if (ids && ids.length) { row(dl, pair[1], links(ids)); }
    });
    row(dl, "Articles", (d.articles || []).map(articleLine));
    row(dl, "Id", id);
    if (d.evidence && d.evidence.length) { panel.appendChild(evidence(d.evidence)); }
  }

  function showEdge(id) {
    var e = edgesById.get(id);
    if (!e) { return; }
    var d = e.data;
    var dl;
    if (e.relation === "helped") {
      dl = start(nodeName(e.from) + " helped " + nodeName(e.to));
      row(dl, "Helper", link(e.from));
      row(dl, "Recipient", link(e.to));
      row(dl, "Forms", d.forms);
      row(dl, "Campaign", campaign(d.campaign));
    } else if (e.relation === "plannedHelp") {
      dl = start(nodeName(e.from) + " (" + d.status + ") help for " + nodeName(e.to));
      row(dl, "Helper", link(e.from));
      row(dl, "Recipient", link(e.to));
      row(dl, "Status", d.status);
      row(dl, "Forms", d.forms);
      row(dl, "Campaign", campaign(d.campaign));
    } else {
      dl = start(e.relation);
      row(dl, "From", link(e.from));
      row(dl, "To", link(e.to));
    }
    row(dl, "Id", e.key);
    if (d.evidence && d.evidence.length) { panel.appendChild(evidence(d.evidence)); }
  }

  function select(id) {
    if (!nodesById.has(id)) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 300 } });
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ------------------------------------------------------------------ search

  function norm(s) { return String(s).normalize("NFKC").trim().toLowerCase(); }

  function names(n) {
    var d = n.data;
    return [d.label, d.label_zh].concat(d.alt_labels || []).filter(function (s) { return s; });
  }

  var names_ = new Set();
  var datalist = document.getElementById("kg-names");
  data.nodes.forEach(function (n) {
    names(n).forEach(function (s) {
      if (!names_.has(s)) { names_.add(s); datalist.appendChild(Object.assign(el("option"), { value: s })); }
    });
  });

  // Nodes whose English or Chinese label or alt label contains the query; exact, then prefix matches first.
  function search(query) {
    var q = norm(query);
    if (!q) { return []; }
    var found = [];
    data.nodes.forEach(function (n, i) {
      var best = 3;
      names(n).forEach(function (s) {
        var t = norm(s);
        if (t === q) { best = Math.min(best, 0); }
        else if (t.indexOf(q) === 0) { best = Math.min(best, 1); }
        else if (t.indexOf(q) > 0) { best = Math.min(best, 2); }
      });
      if (best < 3) { found.push([best, i, n.id]); }
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.map(function (f) { return f[2]; });
  }

  var box = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var last = { query: null, hits: [], at: -1 };

  function find() {
    if (box.value !== last.query) { last = { query: box.value, hits: search(box.value), at: -1 }; }
    if (!last.hits.length) { status.textContent = box.value.trim() ? "no match" : ""; return; }
    last.at = (last.at + 1) % last.hits.length;
    status.textContent = (last.at + 1) + " of " + last.hits.length;
    select(last.hits[last.at]);
  }

  box.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); find(); } });
  box.addEventListener("change", function () { if (box.value !== last.query) { find(); } });

  window.kgData = data;
  window.kgNetwork = network;
  window.kgSearch = search;
  window.kgSelect = select;
})();
