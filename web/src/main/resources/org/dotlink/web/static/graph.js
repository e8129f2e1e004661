// Story graph: a small force layout drawn as SVG. Every label is a text node; nothing is parsed as markup.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const COLORS = { host: "#40b0e0", process: "#f0a030", account: "#60c090", session: "#b080e0",
    service: "#e07070", "web-client": "#e0d060", file: "#a0a8b0", entity: "#8090a0" };

  function el(name, attrs) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }

  function text(name, attrs, value) {
    const e = el(name, attrs);
    e.appendChild(document.createTextNode(value));
    return e;
  }

  function shorten(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function layout(nodes, edges, w, h) {
    const n = nodes.length;
    const pos = nodes.map((_, i) => ({
      x: w / 2 + Math.cos(2 * Math.PI * i / n) * w * 0.3,
      y: h / 2 + Math.sin(2 * Math.PI * i / n) * h * 0.3, vx: 0, vy: 0 }));
    const index = new Map(nodes.map((d, i) => [d.id, i]));
    const links = edges.map(e => [index.get(e.from), index.get(e.to)]).filter(l => l[0] !== undefined && l[1] !== undefined);
    const k = Math.sqrt((w * h) / Math.max(n, 1)) * 0.75;
    for (let it = 0; it < 400; it++) {
      const t = 0.1 * (1 - it / 400) + 0.005;
      for (let i = 0; i < n; i++) { pos[i].vx = 0; pos[i].vy = 0; }
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        let d2 = dx * dx + dy * dy + 0.01; const f = (k * k) / d2;
        pos[i].vx += dx * f; pos[i].vy += dy * f; pos[j].vx -= dx * f; pos[j].vy -= dy * f;
      }
      for (const [a, b] of links) {
        const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.sqrt(dx * dx + dy * dy) + 0.01; const f = d / k;
        pos[a].vx -= dx * f; pos[a].vy -= dy * f; pos[b].vx += dx * f; pos[b].vy += dy * f;
      }
      for (let i = 0; i < n; i++) {
        pos[i].vx += (w / 2 - pos[i].x) * 0.05; pos[i].vy += (h / 2 - pos[i].y) * 0.05;
        const v = Math.sqrt(pos[i].vx * pos[i].vx + pos[i].vy * pos[i].vy) + 0.01;
        const step = Math.min(v, k * t * 10);
        pos[i].x = Math.max(60, Math.min(w - 60, pos[i].x + pos[i].vx / v * step));
        pos[i].y = Math.max(30, Math.min(h - 30, pos[i].y + pos[i].vy / v * step));
      }
    }
    return pos;
  }

  /** Draws graph {nodes, edges} into a new SVG element; onNode(node) is called when a node is clicked. */
  function render(graph, onNode) {
    const w = 1000, h = 520;
    const svg = el("svg", { viewBox: "0 0 " + w + " " + h, class: "graph", role: "img" });
    svg.appendChild(text("title", {}, "Entities of the story and the links between them"));
    const pos = layout(graph.nodes, graph.edges, w, h);
    const at = new Map(graph.nodes.map((d, i) => [d.id, pos[i]]));
    const edgeLayer = el("g", { class: "edges" });
    const perPair = new Map();
    for (const e of graph.edges) {
      const pair = [e.from, e.to].sort().join("\n");
      perPair.set(pair, (perPair.get(pair) || 0) + 1);
    }
    const labelled = new Set();
    for (const e of graph.edges) {
      const a = at.get(e.from), b = at.get(e.to);
      if (!a || !b) continue;
      const g = el("g", { class: "edge-group" });
      const line = el("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y });
      line.appendChild(text("title", {}, e.kind + ": " + e.reason));
      g.appendChild(line);
      const pair = [e.from, e.to].sort().join("\n");
      if (!labelled.has(pair)) {
        labelled.add(pair);
        const more = perPair.get(pair) - 1;
        g.appendChild(text("text", { class: "edge-label", x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 3, "text-anchor": "middle" },
          shorten(e.reason, 44) + (more > 0 ? " (+" + more + " more)" : "")));
      }
      edgeLayer.appendChild(g);
    }
    svg.appendChild(edgeLayer);
    const nodeLayer = el("g", { class: "nodes" });
    graph.nodes.forEach((d, i) => {
      const p = pos[i];
      const g = el("g", { class: "node node-" + d.kind, transform: "translate(" + p.x + "," + p.y + ")", tabindex: "0" });
      g.dataset.id = d.id;
      const r = d.kind === "host" ? 14 : 9 + Math.min(5, d.findings.length);
      g.appendChild(el("circle", { r: r, fill: COLORS[d.kind] || COLORS.entity }));
      g.appendChild(text("title", {}, d.kind + ": " + d.label + " (" + d.findings.length + " findings)"));
      g.appendChild(text("text", { x: r + 4, y: 4 }, shorten(d.label, 34)));
      const select = () => {
        nodeLayer.querySelectorAll(".node.selected").forEach(n => n.classList.remove("selected"));
        g.classList.add("selected");
        onNode(d);
      };
      g.addEventListener("click", select);
      g.addEventListener("keydown", ev => { if (ev.key === "Enter") select(); });
      nodeLayer.appendChild(g);
    });
    svg.appendChild(nodeLayer);
    return svg;
  }

  window.DotlinkGraph = { render: render, colors: COLORS };
})();
