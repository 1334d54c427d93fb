/* The viewer of kg's HTML export; kg/export/html.py writes the data it reads.
   Data is untrusted text: it only ever goes into textContent, never into markup. */
(function () {
  "use strict";

  var started = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var NODE_STYLES = {};  // type -> style, in legend order
  var EDGE_STYLES = {};  // relation -> style
  var OTHER_NODE = { shape: "diamond", color: "#bab0ac", font: "#222222", size: 14 };  // no type
  var OTHER_EDGE = { color: "#8c8c8c", width: 1.0, arrow: true, dashes: false };  // no relation
  data.styles.nodes.forEach(function (s) { NODE_STYLES[s.name] = s; });
  data.styles.edges.forEach(function (s) { EDGE_STYLES[s.name] = s; });
  var FONT = "system-ui, 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";
  var LIST_MAX = 50;  // longer lists of neighbours in the panel are cut

  var nodesById = new Map();
  var edgesById = new Map();
  var incident = new Map();  // node id -> its edges, in the data's order
  data.nodes.forEach(function (n) { nodesById.set(n.id, n); incident.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgesById.set(e.id, e);
    incident.get(e.from).push(e);
    if (e.to !== e.from) { incident.get(e.to).push(e); }
  });

  function nodeName(id) {
    var n = nodesById.get(id);
    return n ? String(n.data.label || id) : String(id);
  }

  // ------------------------------------------------------------------ drawing

  function nodeVis(n, at) {
    var d = n.data;
    var style = NODE_STYLES[String(d.type)] || OTHER_NODE;
    var label = String(d.label || n.id);
    var v = {
      id: n.id, x: at.x, y: at.y,
      label: d.label_zh ? label + "\n" + d.label_zh : label,
      title: String(d.type) + ": " + label,
      shape: style.shape,
      color: { background: style.color, border: style.color,
               highlight: { background: style.color, border: "#000000" },
               hover: { background: style.color, border: "#000000" } },
      font: { color: style.font }
    };
    if (style.shape !== "box" && style.shape !== "ellipse") { v.size = style.size; }
    return v;
  }

  function edgeTitle(e) {
    var d = e.data;
    var title = nodeName(e.from) + " " + e.relation + " " + nodeName(e.to);
    var extra = [];
    if (d.status) { extra.push(d.status); }
    if (d.forms && d.forms.length) { extra.push(d.forms.join(", ")); }
    return extra.length ? title + " (" + extra.join("; ") + ")" : title;
  }

  function edgeVis(e) {
    var style = EDGE_STYLES[String(e.relation)] || OTHER_EDGE;
    var v = {
      id: e.id, from: e.from, to: e.to,
      title: edgeTitle(e),
      color: { color: style.color, highlight: style.color, hover: style.color },
      width: style.width,
      dashes: style.dashes,
      arrows: { to: { enabled: style.arrow, scaleFactor: e.relation === "helped" ? 1.0 : 0.5 } }
    };
    if (e.curve) { v.smooth = { enabled: true, type: "curvedCW", roundness: Math.min(0.2 * e.curve, 1) }; }
    return v;
  }

  // ------------------------------------------------------------------ filters

  var years = [];
  (function () {
    var seen = new Set();
    data.nodes.concat(data.edges).forEach(function (x) { x.years.forEach(function (y) { seen.add(y); }); });
    years = Array.from(seen).sort(function (a, b) { return a - b; });
  })();

  var state = {
    hiddenTypes: new Set(), hiddenRelations: new Set(), campaign: "",
    yearFrom: years.length ? years[0] : null, yearTo: years.length ? years[years.length - 1] : null,
    focus: data.focus, depth: 2, budget: data.budget
  };

  // Undated nodes and edges pass the year filter; edges of relations no campaign bears pass the campaign filter.
  function inYears(ys) {
    if (!ys.length || state.yearFrom === null) { return true; }
    return ys.some(function (y) { return y >= state.yearFrom && y <= state.yearTo; });
  }

  function nodePasses(n) {
    return !state.hiddenTypes.has(String(n.data.type)) && inYears(n.years) &&
      (!state.campaign || n.campaigns.indexOf(state.campaign) >= 0);
  }

  function edgePasses(e, shown) {
    return shown.has(e.from) && shown.has(e.to) && !state.hiddenRelations.has(String(e.relation)) &&
      inYears(e.years) && (!state.campaign || e.campaigns === null || e.campaigns.indexOf(state.campaign) >= 0);
  }

  // The ids of the nodes and edges the filters and the focus let through. A focus shows the nodes within
  // state.depth steps of the focused one, nearest first, at most state.budget of them (when set).
  function compute() {
    var shown = new Set();
    var full = false;
    data.nodes.forEach(function (n) { if (nodePasses(n)) { shown.add(n.id); } });
    if (state.focus !== null) {
      shown.add(state.focus);
      var reached = new Map([[state.focus, 0]]);
      var queue = [state.focus];
      for (var i = 0; i < queue.length && !full; i++) {
        var u = queue[i];
        var depth = reached.get(u);
        if (depth >= state.depth) { continue; }
        var around = incident.get(u);
        for (var j = 0; j < around.length; j++) {
          var e = around[j];
          var v = e.from === u ? e.to : e.from;
          if (reached.has(v) || !edgePasses(e, shown)) { continue; }
          if (state.budget && reached.size >= state.budget) { full = true; break; }
          reached.set(v, depth + 1);
          queue.push(v);
        }
      }
      shown = new Set(reached.keys());
      var rings = [];
      queue.forEach(function (id) {
        var d = reached.get(id);
        if (d === undefined) { return; }
        if (!rings[d]) { rings[d] = []; }
        rings[d].push(id);
      });
    }
    var edges = new Set();
    data.edges.forEach(function (e) { if (edgePasses(e, shown)) { edges.add(e.id); } });
    return { nodes: shown, edges: edges, cut: full, rings: rings };
  }

  // Where each shown node goes: its place in the built layout, or in a focus, rings around the focused node
  // (its neighbours on the first, theirs on the second, in the order they were reached).
  function positions(shown) {
    var at = new Map();
    if (shown.rings) {
      var home = nodesById.get(state.focus);
      var radius = 0;
      at.set(state.focus, { x: home.x, y: home.y });
      shown.rings.slice(1).forEach(function (ring) {
        radius = Math.max(radius + 160, ring.length * 70 / (2 * Math.PI));
        ring.forEach(function (id, k) {
          var angle = 2 * Math.PI * (k + 0.5) / ring.length - Math.PI / 2;
          at.set(id, { x: Math.round(10 * (home.x + radius * Math.cos(angle))) / 10,
                       y: Math.round(10 * (home.y + radius * Math.sin(angle))) / 10 });
        });
      });
    }
    shown.nodes.forEach(function (id) {
      if (!at.has(id)) { var n = nodesById.get(id); at.set(id, { x: n.x, y: n.y }); }
    });
    return at;
  }

  // The network holds only what is shown: vis-network spends ~0.1 ms on every item it holds, drawn or not.
  var visible = compute();
  var placed = positions(visible);
  var nodeSet = new vis.DataSet(Array.from(visible.nodes, function (id) { return nodeVis(nodesById.get(id), placed.get(id)); }));
  var edgeSet = new vis.DataSet(Array.from(visible.edges, function (id) { return edgeVis(edgesById.get(id)); }));

  var options = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: !data.large, tooltipDelay: 150, multiselect: false,
                   hideEdgesOnDrag: data.large, hideEdgesOnZoom: data.large },
    nodes: { font: { face: FONT, size: 14, multi: false }, margin: 8 },
    edges: { smooth: false, font: { multi: false } }
  };
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodeSet, edges: edgeSet }, options);
  window.kgTimings = { script: started };
  network.once("afterDrawing", function () {
    window.kgTimings.ready = performance.now();
    window.kgReady = true;
  });

  var shownStatus = document.getElementById("kg-shown");

  function missing(ids, from) {
    var out = [];
    ids.forEach(function (id) { if (!from.has(id)) { out.push(id); } });
    return out;
  }

  function apply() {
    var before = visible;
    var was = placed;
    visible = compute();
    placed = positions(visible);
    edgeSet.remove(missing(before.edges, visible.edges));
    nodeSet.remove(missing(before.nodes, visible.nodes));
    var moved = [];
    visible.nodes.forEach(function (id) {
      var a = was.get(id);
      var b = placed.get(id);
      if (a && before.nodes.has(id) && (a.x !== b.x || a.y !== b.y)) { moved.push({ id: id, x: b.x, y: b.y }); }
    });
    nodeSet.update(moved);
    nodeSet.add(missing(visible.nodes, before.nodes).map(function (id) { return nodeVis(nodesById.get(id), placed.get(id)); }));
    edgeSet.add(missing(visible.edges, before.edges).map(function (id) { return edgeVis(edgesById.get(id)); }));
    shownStatus.textContent = visible.nodes.size + " of " + data.nodes.length + " nodes, " +
      visible.edges.size + " of " + data.edges.length + " edges";
    syncControls();
  }

  // ------------------------------------------------------------------ side panel

  var panel = document.getElementById("kg-panel");

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function button(text, onClick, className) {
    var b = el("button", text, className);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function link(id) {
    if (!nodesById.has(id)) { return el("span", id); }
    return button(nodeName(id), function () { select(id); }, "kg-link");
  }

  function cut(items, make) {
    var span = el("span");
    items.slice(0, LIST_MAX).forEach(function (item, i) {
      if (i) { span.appendChild(document.createTextNode("; ")); }
      span.appendChild(make(item));
    });
    if (items.length > LIST_MAX) { span.appendChild(document.createTextNode("; and " + (items.length - LIST_MAX) + " more")); }
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

  function articleLines(id) {
    var a = data.articles[id];
    if (!a) { return [String(id)]; }
    var lines = [];
    if (a.title) { lines.push(a.title); }
    if (a.title_zh) { lines.push(a.title_zh); }
    var where = [];
    if (a.date) { where.push(a.date); }
    if (a.page !== null && a.page !== undefined) { where.push("page " + a.page); }
    where.push(id);
    lines.push(where.join(" \u00b7 "));
    return lines;
  }

  function evidence(list) {
    var box = el("section");
    box.appendChild(el("h3", "Evidence"));
    // one figure per sentence; the aligned Chinese sentence of the original goes under its English one
    var groups = [];
    (list || []).forEach(function (ev) {
      var last = groups.length ? groups[groups.length - 1] : null;
      if (ev.lang === "zh" && last && last.article === ev.article && last.items[0].lang !== "zh") {
        last.items.push(ev);
      } else {
        groups.push({ article: ev.article, items: [ev] });
      }
    });
    groups.forEach(function (g) {
      var fig = el("figure");
      g.items.forEach(function (ev) {
        var zh = ev.lang === "zh";
        fig.appendChild(el("span", zh ? "\u4e2d\u6587" : "English", "kg-lang"));
        var quote = el("blockquote", ev.text);
        quote.lang = zh ? "zh" : "en";
        fig.appendChild(quote);
      });
      var caption = el("figcaption");
      articleLines(g.article).forEach(function (line, i) {
        if (i) { caption.appendChild(el("br")); }
        caption.appendChild(document.createTextNode(line));
      });
      fig.appendChild(caption);
      box.appendChild(fig);
    });
    return box;
  }

  // a measurement's value against the figure of the Chinese original
  function originalCheck(d) {
    if (d.original_check === "agrees") { return "agrees" + (d.original_value ? " (" + d.original_value + ")" : ""); }
    if (d.original_check === "differs") { return "differs: the original says " + (d.original_value || "otherwise"); }
    if (d.original_check === "unchecked") { return "not checked"; }
    return null;
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

  function hiddenNote(shown) {
    if (shown) { return; }
    var p = el("p", "Hidden by the current filters. ", "kg-hint");
    p.appendChild(button("Show all", resetFilters, "kg-link"));
    panel.appendChild(p);
  }

  // [panel row, relation, the selected node's end: "from", "to" or "any"]
  var NEIGHBOURS = [
    ["Helpers", "helped", "to"], ["Recipients", "helped", "from"],
    ["Planned help from", "plannedHelp", "to"], ["Planned help for", "plannedHelp", "from"],
    ["Same as", "sameAs", "any"], ["Campaigns", "participatesIn", "from"],
    ["Participants", "participatesIn", "to"], ["Participants", "participant", "from"],
    ["Mutual aid", "participant", "to"], ["Measurements", "subject", "to"], ["Subject", "subject", "from"],
    ["Part of", "partOf", "from"], ["Parts", "partOf", "to"],
    ["Located in", "locatedIn", "from"], ["Contains", "locatedIn", "to"]
  ];

  function neighbours(id) {
    var found = new Map();
    NEIGHBOURS.forEach(function (spec) {
      incident.get(id).forEach(function (e) {
        if (e.relation !== spec[1]) { return; }
        var other;
        if (e.from === id && spec[2] !== "to") { other = e.to; }
        else if (e.to === id && spec[2] !== "from") { other = e.from; }
        else { return; }
        if (!found.has(spec[0])) { found.set(spec[0], []); }
        var list = found.get(spec[0]);
        if (list.indexOf(other) < 0) { list.push(other); }
      });
    });
    return found;
  }

  function helpLine(e, id) {
    var d = e.data;
    var text;
    if (e.relation === "helped") {
      text = e.from === id ? "helped " + nodeName(e.to) : "helped by " + nodeName(e.from);
    } else {
      text = (e.from === id ? "help for " + nodeName(e.to) : "help from " + nodeName(e.from)) + " (" + d.status + ")";
    }
    if (d.forms && d.forms.length) { text += ": " + d.forms.join(", "); }
    var li = el("li");
    li.appendChild(button(text, function () { selectEdge(e.id); }, "kg-link"));
    return li;
  }

  function showNode(id) {
    var n = nodesById.get(id);
    var d = n.data;
    var dl = start(d.label || id, d.label_zh);
    row(dl, "Type", d.type);
    row(dl, "Also called", d.alt_labels);
    row(dl, "Role", d.role);
    row(dl, "Indicator", d.indicator);
    if (d.value !== undefined && d.value !== null) {
      row(dl, "Value", (d.lower_bound ? "more than " : "") + d.value + (d.unit === "%" ? "" : " ") + (d.unit || ""));
    }
    row(dl, "Chinese original", originalCheck(d));
    row(dl, "Kind", d.kind);
    row(dl, "Period", d.period);
    row(dl, "Forms", d.forms);
    if (d.campaign) { row(dl, "Campaign", link(d.campaign)); }
    neighbours(id).forEach(function (ids, name) { row(dl, name, cut(ids, link)); });
    if (d.articles && d.articles.length) {
      var list = el("div");
      d.articles.slice(0, LIST_MAX).forEach(function (a) { list.appendChild(el("div", articleLines(a).join(" \u00b7 "))); });
      if (d.articles.length > LIST_MAX) { list.appendChild(el("div", "and " + (d.articles.length - LIST_MAX) + " more")); }
      row(dl, "Articles", list);
    }
    row(dl, "Id", id);
    var actions = el("p", null, "kg-actions");
    actions.appendChild(button("Show only its neighbourhood", function () { focusOn(id); }));
    panel.appendChild(actions);
    hiddenNote(visible.nodes.has(id));
    var help = incident.get(id).filter(function (e) { return e.relation === "helped" || e.relation === "plannedHelp"; })
      .sort(function (a, b) { return (a.relation === "helped" ? 0 : 1) - (b.relation === "helped" ? 0 : 1); });
    if (help.length) {
      panel.appendChild(el("h3", "Help, with its evidence"));
      var ul = el("ul");
      help.slice(0, LIST_MAX).forEach(function (e) { ul.appendChild(helpLine(e, id)); });
      if (help.length > LIST_MAX) { ul.appendChild(el("li", "and " + (help.length - LIST_MAX) + " more")); }
      panel.appendChild(ul);
    }
    if (d.evidence && d.evidence.length) { panel.appendChild(evidence(d.evidence)); }
  }

  function showEdge(id) {
    var e = edgesById.get(id);
    var d = e.data;
    var dl;
    if (e.relation === "helped" || e.relation === "plannedHelp") {
      var planned = e.relation === "plannedHelp";
      dl = start(nodeName(e.from) + (planned ? " \u2192 help for " : " helped ") + nodeName(e.to));
      row(dl, "Helper", link(e.from));
      row(dl, "Recipient", link(e.to));
      row(dl, "Status", planned ? d.status + " (not yet done)" : "done");
    } else {
      dl = start(nodeName(e.from) + " " + e.relation + " " + nodeName(e.to));
      row(dl, "From", link(e.from));
      row(dl, "To", link(e.to));
    }
    row(dl, "Relation", e.relation);
    row(dl, "Forms", d.forms);
    if (d.campaign) { row(dl, "Campaign", link(d.campaign)); }
    row(dl, "Id", e.key);
    hiddenNote(visible.edges.has(id));
    if (d.evidence && d.evidence.length) { panel.appendChild(evidence(d.evidence)); }
  }

  function select(id) {
    if (!nodesById.has(id)) { return false; }
    showNode(id);
    if (visible.nodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    } else {
      network.unselectAll();
    }
    return true;
  }

  function selectEdge(id) {
    if (!edgesById.has(id)) { return false; }
    showEdge(id);
    if (visible.edges.has(id)) {
      var e = edgesById.get(id);
      var pos = network.getPositions([e.from, e.to]);
      network.selectEdges([id]);
      network.moveTo({ position: { x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2 },
                       scale: Math.max(network.getScale(), 1.0), animation: false });
    } else {
      network.unselectAll();
    }
    return true;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { focusOn(params.nodes[0]); }
  });

  // ------------------------------------------------------------------ focus

  var focusBox = document.getElementById("kg-focus");
  var focusName = document.getElementById("kg-focus-name");
  var focusDepth = document.getElementById("kg-focus-depth");
  var focusCut = document.getElementById("kg-focus-cut");

  // Show every shown node, from the positions we gave them (vis-network's own fit needs a drawn frame first).
  function fit() {
    var box = { x0: Infinity, x1: -Infinity, y0: Infinity, y1: -Infinity };
    placed.forEach(function (p) {
      box.x0 = Math.min(box.x0, p.x); box.x1 = Math.max(box.x1, p.x);
      box.y0 = Math.min(box.y0, p.y); box.y1 = Math.max(box.y1, p.y);
    });
    if (!placed.size) { return; }
    var frame = document.getElementById("kg-network");
    var margin = 80;  // room for the labels of the outermost nodes
    var scale = Math.min(frame.clientWidth / (box.x1 - box.x0 + 2 * margin),
                         frame.clientHeight / (box.y1 - box.y0 + 2 * margin), 1.5);
    network.moveTo({ position: { x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2 }, scale: scale, animation: false });
  }

  function focusOn(id, depth) {
    if (!nodesById.has(id)) { return false; }
    state.focus = id;
    if (depth) { state.depth = depth; }
    apply();
    fit();
    select(id);
    return true;
  }

  function focusOff() {
    state.focus = null;
    apply();
    fit();
  }

  focusDepth.addEventListener("change", function () { state.depth = Number(focusDepth.value); apply(); fit(); });
  document.getElementById("kg-focus-off").addEventListener("click", focusOff);

  // ------------------------------------------------------------------ filter controls

  var legend = document.getElementById("kg-legend");
  var SVG = "http://www.w3.org/2000/svg";
  var GLYPHS = {
    box: ["rect", { x: 2, y: 4, width: 16, height: 10, rx: 2 }],
    ellipse: ["ellipse", { cx: 10, cy: 9, rx: 9, ry: 5 }],
    dot: ["circle", { cx: 10, cy: 9, r: 6 }],
    triangle: ["polygon", { points: "10,2 17,15 3,15" }],
    star: ["polygon", { points: "10,1 12.4,6.6 18.5,7.2 13.9,11.2 15.3,17.1 10,14 4.7,17.1 6.1,11.2 1.5,7.2 7.6,6.6" }],
    hexagon: ["polygon", { points: "10,1.5 16.5,5.25 16.5,12.75 10,16.5 3.5,12.75 3.5,5.25" }],
    square: ["rect", { x: 4, y: 3, width: 12, height: 12 }],
    diamond: ["polygon", { points: "10,1 18,9 10,17 2,9" }]
  };

  function svg(width, height, children) {
    var s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", width);
    s.setAttribute("height", height);
    s.setAttribute("aria-hidden", "true");
    children.forEach(function (c) {
      var child = document.createElementNS(SVG, c[0]);
      Object.keys(c[1]).forEach(function (k) { child.setAttribute(k, c[1][k]); });
      s.appendChild(child);
    });
    return s;
  }

  function nodeGlyph(style) {
    var g = GLYPHS[style.shape] || GLYPHS.diamond;
    return svg(40, 18, [[g[0], Object.assign({ fill: style.color }, g[1])]]);
  }

  function edgeGlyph(style) {
    var line = { x1: 0, y1: 9, x2: style.arrow ? 32 : 40, y2: 9, stroke: style.color, "stroke-width": style.width };
    if (style.dashes) { line["stroke-dasharray"] = style.dashes === true ? "5 5" : style.dashes.join(" "); }
    var parts = [["line", line]];
    if (style.arrow) { parts.push(["path", { d: "M30 4 L38 9 L30 14 Z", fill: style.color }]); }
    return svg(40, 18, parts);
  }

  var toggles = [];  // [checkbox, the hidden set it toggles, its key]

  function legendItem(name, glyph, count, hidden) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      if (box.checked) { hidden.delete(name); } else { hidden.add(name); }
      apply();
    });
    label.appendChild(box);
    label.appendChild(glyph);
    label.appendChild(el("span", name));
    label.appendChild(el("span", "(" + count + ")", "kg-count"));
    li.appendChild(label);
    legend.appendChild(li);
    toggles.push([box, hidden, name, li]);
  }

  function counts(items, key) {
    var c = new Map();
    items.forEach(function (x) { var k = String(key(x)); c.set(k, (c.get(k) || 0) + 1); });
    return c;
  }

  var typeCounts = counts(data.nodes, function (n) { return n.data.type; });
  var relationCounts = counts(data.edges, function (e) { return e.relation; });
  data.styles.nodes.forEach(function (s) {
    legendItem(s.name, nodeGlyph(s), typeCounts.get(s.name), state.hiddenTypes);
  });
  data.styles.edges.forEach(function (s) {
    legendItem(s.name, edgeGlyph(s), relationCounts.get(s.name), state.hiddenRelations);
  });

  var campaignSelect = document.getElementById("kg-campaign");
  data.nodes.filter(function (n) { return n.data.type === "Campaign"; })
    .sort(function (a, b) { return nodeName(a.id).localeCompare(nodeName(b.id)); })
    .forEach(function (n) {
      var o = el("option", n.data.label_zh ? nodeName(n.id) + " " + n.data.label_zh : nodeName(n.id));
      o.value = n.id;
      campaignSelect.appendChild(o);
    });
  campaignSelect.addEventListener("change", function () { state.campaign = campaignSelect.value; apply(); });

  var yearFrom = document.getElementById("kg-year-from");
  var yearTo = document.getElementById("kg-year-to");
  if (!years.length) { document.getElementById("kg-years").hidden = true; }
  years.forEach(function (y) {
    yearFrom.appendChild(Object.assign(el("option", y), { value: String(y) }));
    yearTo.appendChild(Object.assign(el("option", y), { value: String(y) }));
  });
  function yearsChanged() {
    var a = Number(yearFrom.value);
    var b = Number(yearTo.value);
    state.yearFrom = Math.min(a, b);
    state.yearTo = Math.max(a, b);
    apply();
  }
  yearFrom.addEventListener("change", yearsChanged);
  yearTo.addEventListener("change", yearsChanged);

  function syncControls() {
    toggles.forEach(function (t) {
      t[0].checked = !t[1].has(t[2]);
      t[3].className = t[0].checked ? "" : "kg-off";
    });
    campaignSelect.value = state.campaign;
    if (years.length) {
      yearFrom.value = String(state.yearFrom);
      yearTo.value = String(state.yearTo);
    }
    focusBox.hidden = state.focus === null;
    focusName.textContent = state.focus === null ? "" : nodeName(state.focus);
    focusCut.textContent = visible.cut ? " (the nearest " + state.budget + " nodes)" : "";
    focusDepth.value = String(state.depth);
  }

  function resetFilters() {
    filter({ hideTypes: [], hideRelations: [], campaign: "", years: years.length ? [years[0], years[years.length - 1]] : null });
    focusOff();
  }

  // Set some filters at once: {hideTypes: [...], hideRelations: [...], campaign: id or "", years: [from, to]}.
  function filter(spec) {
    if (spec.hideTypes) { state.hiddenTypes.clear(); spec.hideTypes.forEach(function (t) { state.hiddenTypes.add(t); }); }
    if (spec.hideRelations) {
      state.hiddenRelations.clear();
      spec.hideRelations.forEach(function (r) { state.hiddenRelations.add(r); });
    }
    if (spec.campaign !== undefined) { state.campaign = spec.campaign || ""; }
    if (spec.years && years.length) { state.yearFrom = spec.years[0]; state.yearTo = spec.years[1]; }
    apply();
    return { nodes: visible.nodes.size, edges: visible.edges.size };
  }

  // ------------------------------------------------------------------ search

  function norm(s) { return String(s).normalize("NFKC").trim().toLowerCase(); }

  function names(n) {
    var d = n.data;
    return [d.label, d.label_zh].concat(d.alt_labels || []).filter(function (s) { return s; });
  }

  // the names the search box suggests, filled in when it is first used
  var datalist = document.getElementById("kg-names");
  function suggest() {
    var seen = new Set();
    data.nodes.forEach(function (n) {
      if (n.data.type === "Measurement") { return; }
      names(n).forEach(function (s) {
        if (!seen.has(s)) { seen.add(s); datalist.appendChild(Object.assign(el("option"), { value: s })); }
      });
    });
  }

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

  box.addEventListener("focus", suggest, { once: true });
  box.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); find(); } });
  box.addEventListener("change", function () { if (box.value !== last.query) { find(); } });

  apply();
  fit();

  window.kgData = data;
  window.kgNetwork = network;
  window.kgSearch = search;
  window.kgSelect = select;
  window.kgSelectEdge = selectEdge;
  window.kgFilter = filter;
  window.kgFocus = focusOn;
  window.kgShowAll = resetFilters;
})();
