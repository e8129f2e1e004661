// Dotlink web UI. Every value from the server is rendered with text nodes (textContent / createTextNode):
// log fields are attacker-controlled, so nothing here builds markup from strings.
"use strict";
(function () {
  const main = document.getElementById("main");
  const LEVELS = ["critical", "high", "medium", "low", "informational"];
  const TACTICS = ["reconnaissance", "resource-development", "initial-access", "execution", "persistence",
    "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement", "collection",
    "command-and-control", "exfiltration", "impact"];
  const FILTERS = ["level", "rule", "host", "technique", "story", "from", "to", "q"];
  let facetsCache = null;

  /** An element with attributes (class, id, href, type, value, ...) and children (nodes or strings, as text). */
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) for (const k in attrs) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "onclick" || k === "onchange" || k === "onsubmit") e.addEventListener(k.slice(2), v);
      else if (k === "href") e.setAttribute("href", String(v).startsWith("#") ? v : "#");
      else e.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function level(l) { return h("span", { class: "lvl lvl-" + (LEVELS.includes(l) ? l : "informational") }, l || ""); }
  function chips(list) { return (list || []).map(c => h("span", { class: "chip" }, c)); }
  function fmtTime(t) { return t ? String(t).replace("T", " ").replace(/(\.\d{3})\d*Z$/, "$1Z") : ""; }
  function num(n) { return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"); }

  async function api(path, params) {
    const qs = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== "")) : null;
    const r = await fetch(path + (qs && String(qs) ? "?" + qs : ""), { credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => ({ error: "not JSON" }));
    if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
    return body;
  }

  function route() {
    const hash = location.hash || "#/overview";
    const q = hash.indexOf("?");
    const path = (q < 0 ? hash : hash.slice(0, q)).replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    const params = new URLSearchParams(q < 0 ? "" : hash.slice(q + 1));
    return { view: path[0] || "overview", arg: path[1] || null, params: params };
  }

  function go(view, params) {
    const qs = new URLSearchParams(Object.entries(params || {}).filter(([, v]) => v !== null && v !== undefined && v !== ""));
    location.hash = "#/" + view + (String(qs) ? "?" + qs : "");
  }

  async function render() {
    const r = route();
    document.querySelectorAll("#nav a").forEach(a => a.classList.toggle("active", a.dataset.view === r.view));
    const views = { overview, stories, findings, timeline, attack, clusters };
    const view = views[r.view] || overview;
    main.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      const content = await view(r);
      main.replaceChildren(content);
    } catch (e) {
      main.replaceChildren(h("p", { class: "problem", id: "error" }, "Could not load: " + e.message));
    }
  }

  async function facets() {
    if (!facetsCache) facetsCache = await api("/api/facets");
    return facetsCache;
  }

  // ---- Overview ----
  async function overview() {
    const s = await api("/api/summary");
    const box = h("div", { id: "overview" }, h("h1", null, "Overview"));
    if (s.notice) box.appendChild(h("div", { class: "notice" }, s.notice));
    const byLevel = {};
    (s.counts.by_level || []).forEach(l => { byLevel[l.value] = l.n; });
    box.appendChild(h("div", { class: "cards" },
      card("Findings", s.counts.findings, "findings-total"),
      card("Stories", s.counts.stories), card("Clusters", s.counts.clusters),
      ...LEVELS.filter(l => byLevel[l]).map(l => card(l, byLevel[l]))));
    const hunt = s.hunt || {};
    const inputs = hunt.inputs || {};
    const kv = h("div", { class: "kv" });
    const add = (k, v) => { if (v !== null && v !== undefined && v !== "") kv.append(h("span", { class: "k" }, k), h("span", { class: "v" }, v)); };
    add("Output folder", s.inputs.folder);
    add("Store", s.inputs.db);
    add("Paths hunted", (inputs.paths || []).join("\n"));
    add("Files read", inputs.files_read !== undefined ? num(inputs.files_read) : null);
    add("Events", inputs.events !== undefined ? num(inputs.events) : null);
    add("Skipped (unknown format)", Array.isArray(inputs.skipped_unknown_format) ? num(inputs.skipped_unknown_format.length) : null);
    add("Damaged inputs", inputs.damaged_inputs !== undefined ? num(inputs.damaged_inputs) : null);
    if (hunt.rules) add("Rules loaded", num(hunt.rules.loaded) + " (" + num(hunt.rules.correlations) + " correlations)");
    if (hunt.run) add("Hunt took", hunt.run.seconds + " s");
    box.appendChild(h("div", { class: "panel" }, h("h2", null, "Inputs"), kv));
    const problems = s.problems || [];
    box.appendChild(h("div", { class: "panel", id: "problems" }, h("h2", null, "Problems (" + problems.length + ")"),
      problems.length ? h("ul", null, problems.slice(0, 200).map(p => h("li", { class: "problem mono" }, p)))
        : h("p", { class: "muted" }, "None: every input was read.")));
    if (s.stories_available) {
      const st = await api("/api/stories");
      box.appendChild(h("div", { class: "panel" }, h("h2", null, "Top stories"), storyTable(st.stories.slice(0, 10))));
    }
    return box;
  }

  function card(label, n, id) { return h("div", { class: "card", id: id || null }, h("div", { class: "n" }, num(n)), h("div", { class: "l" }, label)); }

  function storyTable(list) {
    return h("table", null, h("thead", null, h("tr", null, ["Story", "Score", "Findings", "Hosts", "Tactics"].map(t => h("th", null, t)))),
      h("tbody", null, list.map(s => h("tr", { class: "row", onclick: () => go("stories/" + encodeURIComponent(s.id)) },
        h("td", null, h("a", { href: "#/stories/" + encodeURIComponent(s.id) }, s.id)), h("td", { class: "score" }, s.score),
        h("td", null, num(s.finding_count)), h("td", null, chips(s.hosts)), h("td", null, chips(s.tactics))))));
  }

  // ---- Stories ----
  async function stories(r) {
    const data = await api("/api/stories");
    const box = h("div", { id: "stories" }, h("h1", null, "Stories (" + num(data.total) + ")"));
    if (data.notice) {
      box.appendChild(h("div", { class: "notice" }, data.notice));
      box.appendChild(h("table", null, h("thead", null, h("tr", null, ["Story", "Findings", "Hosts", "First", "Last"].map(t => h("th", null, t)))),
        h("tbody", null, data.stories.map(s => h("tr", { class: "row", onclick: () => go("findings", { story: s.id }) },
          h("td", null, s.id), h("td", null, num(s.findings)), h("td", null, chips(s.hosts)),
          h("td", { class: "mono" }, fmtTime(s.first_seen)), h("td", { class: "mono" }, fmtTime(s.last_seen)))))));
      return box;
    }
    const selected = r.arg || (data.stories[0] && data.stories[0].id);
    const list = h("div", { class: "list", id: "story-list" }, data.stories.slice(0, 300).map(s =>
      h("div", { class: "item" + (s.id === selected ? " active" : ""), "data-id": s.id, onclick: () => go("stories/" + encodeURIComponent(s.id)) },
        h("div", { class: "head" }, h("span", null, s.id), h("span", { class: "score" }, s.score)),
        h("div", { class: "muted" }, num(s.finding_count) + " findings · " + (s.hosts || []).join(", ")),
        h("div", null, (s.levels || []).map(l => h("span", { class: "lvl lvl-" + l.level }, l.n + " " + l.level)), " ", chips(s.tactics)))));
    const detail = h("div", { id: "story-detail" });
    box.appendChild(h("div", { class: "split" }, list, detail));
    if (selected) detail.appendChild(await storyDetail(selected));
    return box;
  }

  async function storyDetail(id) {
    const s = await api("/api/stories/" + encodeURIComponent(id));
    const byKey = new Map(s.findings.map(f => [f.key, f]));
    const nodePanel = h("div", { class: "panel", id: "node-findings" }, h("p", { class: "muted" }, "Click a node to list its findings."));
    const showFindings = (title, keys) => {
      const rows = keys.map(k => byKey.get(k)).filter(Boolean);
      nodePanel.replaceChildren(h("h2", null, title + " — " + rows.length + " findings"), findingMiniTable(rows));
    };
    const graphBox = h("div", { id: "story-graph" });
    graphBox.appendChild(window.DotlinkGraph.render(s.graph, n => showFindings(n.kind + " " + n.label, Array.from(n.findings))));
    const legend = h("div", { class: "legend" }, Object.entries(window.DotlinkGraph.colors).filter(([k]) => s.graph.nodes.some(n => n.kind === k))
      .map(([k, c]) => { const i = h("i"); i.style.background = c; return h("span", null, i, k); }));
    return h("div", null,
      h("h1", null, s.id + " ", h("span", { class: "score" }, "score " + s.score)),
      h("div", { class: "kv panel" },
        h("span", { class: "k" }, "Time"), h("span", { class: "v" }, fmtTime(s.first_seen) + " → " + fmtTime(s.last_seen)),
        h("span", { class: "k" }, "Hosts"), h("span", null, chips(s.hosts)),
        h("span", { class: "k" }, "Accounts"), h("span", null, chips(s.users)),
        h("span", { class: "k" }, "Tactics"), h("span", null, chips(s.tactics)),
        h("span", { class: "k" }, "Techniques"), h("span", null, (s.techniques || []).map(t => h("a", { class: "chip", href: "#/findings?technique=" + encodeURIComponent(t) }, t))),
        h("span", { class: "k" }, "Software"), h("span", null, chips(s.software)),
        h("span", { class: "k" }, "Findings"), h("span", null, h("a", { href: "#/findings?story=" + encodeURIComponent(s.id) }, num(s.findings.length) + " in the findings table"))),
      legend, graphBox, nodePanel,
      h("div", { class: "panel" }, h("h2", null, "Links (" + s.links.length + ")"),
        h("table", { id: "story-links" }, h("thead", null, h("tr", null, ["Kind", "Entity", "Reason", "From", "To"].map(t => h("th", null, t)))),
          h("tbody", null, s.links.map(l => h("tr", null, h("td", null, h("span", { class: "chip" }, l.kind)), h("td", { class: "mono" }, l.entity),
            h("td", null, l.reason), h("td", null, ruleOf(byKey.get(l.from))), h("td", null, ruleOf(byKey.get(l.to))))))))
    );
  }

  function ruleOf(f) { return f ? f.rule_title + " · " + fmtTime(f.time) : ""; }

  function findingMiniTable(rows) {
    return h("table", null, h("thead", null, h("tr", null, ["Time", "Level", "Rule", "Host", "Record"].map(t => h("th", null, t)))),
      h("tbody", null, rows.map(f => h("tr", null, h("td", { class: "mono" }, fmtTime(f.time)), h("td", null, level(f.level)),
        h("td", null, f.rule_title), h("td", null, f.host), h("td", { class: "mono" }, f.record_id === null ? "" : String(f.record_id))))));
  }

  // ---- Findings ----
  async function findings(r) {
    const p = r.params;
    const page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
    const query = { page: page, size: p.get("size") || 50 };
    FILTERS.forEach(k => { if (p.get(k)) query[k] = p.get(k); });
    const [f, data] = await Promise.all([facets(), api("/api/findings", query)]);
    const form = filterForm(f, p);
    const table = h("table", { id: "findings-table" },
      h("thead", null, h("tr", null, ["Time", "Level", "Rule", "Host", "Techniques", "Story", "Source"].map(t => h("th", null, t)))),
      h("tbody", null, data.findings.map(findingRows)));
    const pager = h("div", { class: "bar" },
      h("span", { id: "findings-count" }, num(data.total) + " findings"), h("span", { class: "grow" }),
      h("button", { id: "pager-prev", disabled: page <= 1 ? "disabled" : null, onclick: () => go("findings", Object.assign({}, query, { page: page - 1 })) }, "‹ Previous"),
      h("span", { id: "page-label" }, "Page " + page + " of " + Math.max(1, data.pages)),
      h("button", { id: "pager-next", disabled: page >= data.pages ? "disabled" : null, onclick: () => go("findings", Object.assign({}, query, { page: page + 1 })) }, "Next ›"));
    return h("div", { id: "findings" }, h("h1", null, "Findings"), form, pager, h("div", { class: "panel" }, table));
  }

  function findingRows(f) {
    const row = h("tr", { class: "row" },
      h("td", { class: "mono" }, fmtTime(f.time)), h("td", null, level(f.level)), h("td", null, f.rule_title),
      h("td", null, f.host || ""), h("td", null, chips(f.techniques)),
      h("td", null, f.story ? h("a", { href: "#/stories/" + encodeURIComponent(f.story) }, f.story) : ""),
      h("td", { class: "mono wrap" }, (f.source || "").split("/").slice(-2).join("/") + (f.record_id !== null ? " #" + f.record_id : "")));
    row.addEventListener("click", ev => {
      if (ev.target.tagName === "A") return;
      const next = row.nextSibling;
      if (next && next.classList && next.classList.contains("detail")) { next.remove(); return; }
      const kv = h("div", { class: "kv" });
      const add = (k, v) => kv.append(h("span", { class: "k" }, k), h("span", { class: "v" }, typeof v === "string" ? v : JSON.stringify(v)));
      add("rule_id", f.rule_id); add("source", f.source || ""); add("key", f.key);
      if (f.tactics && f.tactics.length) add("tactics", f.tactics.join(", "));
      if (f.asset_role) add("asset_role", f.asset_role);
      if (f.events) add("events", f.events);
      Object.entries(f.fields || {}).forEach(([k, v]) => add(k, v));
      row.after(h("tr", { class: "detail" }, h("td", { colspan: 7 }, kv)));
    });
    return row;
  }

  function filterForm(f, p) {
    const select = (id, name, options) => h("label", null, name, h("select", { id: id, name: id.slice(2) },
      h("option", { value: "" }, "any"), options.map(o => { const opt = h("option", { value: o.value }, o.label); if (p.get(id.slice(2)) === o.value) opt.selected = true; return opt; })));
    const input = (id, name, placeholder) => h("label", null, name, h("input", { id: id, name: id.slice(2), placeholder: placeholder, value: p.get(id.slice(2)) || "" }));
    const form = h("form", { class: "panel filters", id: "filters" },
      select("f-level", "Level", LEVELS.map(l => ({ value: l, label: l + " (" + num((f.levels.find(x => x.value === l) || { n: 0 }).n) + ")" }))),
      select("f-rule", "Rule", f.rules.map(x => ({ value: x.value, label: x.value + " (" + num(x.n) + ")" }))),
      select("f-host", "Host", f.hosts.map(x => ({ value: x.value, label: x.value + " (" + num(x.n) + ")" }))),
      select("f-technique", "Technique", f.techniques.map(x => ({ value: x.value, label: x.value + " (" + num(x.n) + ")" }))),
      input("f-from", "From (UTC)", fmtTime(f.first) || "2021-01-01T00:00:00Z"),
      input("f-to", "To (UTC)", fmtTime(f.last) || "2021-12-31T23:59:59Z"),
      input("f-q", "Text", "command line, user, file…"),
      input("f-story", "Story", "story-0001"),
      h("div", { class: "bar" }, h("button", { class: "primary", id: "f-apply", type: "submit" }, "Apply"),
        h("button", { id: "f-clear", type: "button", onclick: () => go("findings", {}) }, "Clear")));
    form.addEventListener("submit", ev => {
      ev.preventDefault();
      const q = {};
      FILTERS.forEach(k => { const e = form.querySelector("[name=" + k + "]"); if (e && e.value.trim()) q[k] = e.value.trim(); });
      go("findings", q);
    });
    return form;
  }

  // ---- Timeline ----
  async function timeline(r) {
    const query = {};
    FILTERS.forEach(k => { if (r.params.get(k)) query[k] = r.params.get(k); });
    const t = await api("/api/timeline", query);
    const box = h("div", { id: "timeline" }, h("h1", null, "Timeline"));
    if (!t.buckets.length) { box.appendChild(h("p", { class: "muted" }, "No timed findings.")); return box; }
    const starts = [...new Set(t.buckets.map(b => b.start))].sort();
    const stacks = new Map(starts.map(s => [s, {}]));
    t.buckets.forEach(b => { stacks.get(b.start)[b.level] = b.n; });
    const max = Math.max(...starts.map(s => Object.values(stacks.get(s)).reduce((a, b) => a + b, 0)));
    const W = 1200, H = 300, left = 50, bottom = 40, bw = Math.max(2, (W - left - 10) / starts.length - 2);
    const NS = "http://www.w3.org/2000/svg";
    const svgEl = (n, a) => { const e = document.createElementNS(NS, n); for (const k in a) e.setAttribute(k, String(a[k])); return e; };
    const svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, class: "timeline-chart" });
    const colors = { critical: "#e0405a", high: "#f07838", medium: "#e8c040", low: "#60b080", informational: "#7890a8" };
    starts.forEach((s, i) => {
      let y = H - bottom;
      const x = left + i * (bw + 2);
      LEVELS.slice().reverse().forEach(l => {
        const n = stacks.get(s)[l] || 0;
        if (!n) return;
        const hgt = (H - bottom - 20) * n / max;
        y -= hgt;
        const rect = svgEl("rect", { x: x, y: y, width: bw, height: Math.max(1, hgt), fill: colors[l], class: "bar-rect" });
        const title = svgEl("title", {});
        title.appendChild(document.createTextNode(fmtTime(s) + ": " + n + " " + l));
        rect.appendChild(title);
        rect.addEventListener("click", () => {
          const from = new Date(Date.parse(s.endsWith("Z") ? s : s + "Z"));
          const to = new Date(from.getTime() + t.bucket_seconds * 1000 - 1);
          go("findings", Object.assign({}, query, { from: from.toISOString(), to: to.toISOString() }));
        });
        svg.appendChild(rect);
      });
    });
    const label = (x, y, s, anchor) => { const e = svgEl("text", { x: x, y: y, "text-anchor": anchor || "start" }); e.appendChild(document.createTextNode(s)); svg.appendChild(e); };
    label(left, H - 15, fmtTime(starts[0]));
    label(W - 10, H - 15, fmtTime(starts[starts.length - 1]), "end");
    label(left - 6, 24, String(max), "end");
    label(left - 6, H - bottom, "0", "end");
    box.appendChild(h("p", { class: "muted" }, "Findings per " + humanSeconds(t.bucket_seconds) + ", by level. Click a bar to list its findings."));
    box.appendChild(svg);
    box.appendChild(h("div", { class: "legend" }, LEVELS.map(l => { const i = h("i"); i.style.background = colors[l]; return h("span", null, i, l); })));
    return box;
  }

  function humanSeconds(s) {
    const units = [[31536000, "year"], [2592000, "30 days"], [604800, "week"], [86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
    for (const [n, name] of units) if (s >= n && s % n === 0) return (s / n === 1 ? "" : s / n + " ") + name + (s / n === 1 ? "" : "s");
    return s + " seconds";
  }

  // ---- ATT&CK heatmap ----
  async function attack() {
    const data = await api("/api/heatmap");
    const byTactic = new Map();
    data.cells.forEach(c => { if (!byTactic.has(c.tactic)) byTactic.set(c.tactic, []); byTactic.get(c.tactic).push(c); });
    const order = TACTICS.filter(t => byTactic.has(t)).concat([...byTactic.keys()].filter(t => !TACTICS.includes(t)));
    const max = Math.max(1, ...data.cells.map(c => c.n));
    const box = h("div", { id: "attack" }, h("h1", null, "ATT&CK heatmap"),
      h("p", { class: "muted" }, "Findings per technique under the tactics of the rules that found them; darker is more. Click a technique to list its findings."));
    box.appendChild(h("div", { class: "heat panel" }, order.map(t => h("div", { class: "col" }, h("h3", null, t.replace(/-/g, " ")),
      byTactic.get(t).map(c => {
        const cell = h("div", { class: "cell", onclick: () => go("findings", { technique: c.technique }) }, h("span", null, c.technique), h("span", null, num(c.n)));
        const a = 0.25 + 0.75 * Math.log(1 + c.n) / Math.log(1 + max);
        cell.style.background = "rgba(224, 80, 80, " + a.toFixed(2) + ")";
        return cell;
      })))));
    return box;
  }

  // ---- Clusters ----
  async function clusters() {
    const data = await api("/api/clusters");
    const box = h("div", { id: "clusters" }, h("h1", null, "Activity clusters"));
    if (data.available === false) { box.appendChild(h("div", { class: "notice" }, data.notice)); return box; }
    const list = data.clusters || [];
    box.appendChild(h("p", { class: "muted" }, num(data.clusters_total) + " clusters; attribution " + (data.attribution || "") + "."));
    box.appendChild(overlapMatrix(list.slice(0, 20), data.overlap || []));
    list.slice(0, 60).forEach(c => box.appendChild(clusterPanel(c)));
    return box;
  }

  function clusterPanel(c) {
    const att = c.attribution || [];
    return h("div", { class: "panel cluster", id: "cluster-" + c.id },
      h("h2", null, c.id + " ", h("span", { class: "score" }, "score " + c.score), " · " + (c.stories || []).length + " stories · " + fmtTime(c.first_seen) + " → " + fmtTime(c.last_seen)),
      h("div", { class: "kv" },
        h("span", { class: "k" }, "Hosts"), h("span", null, chips(c.hosts)),
        h("span", { class: "k" }, "Tactics"), h("span", null, chips(c.tactics)),
        h("span", { class: "k" }, "Techniques"), h("span", null, (c.techniques || []).map(t => h("a", { class: "chip", href: "#/findings?technique=" + encodeURIComponent(t) }, t))),
        h("span", { class: "k" }, "Software"), h("span", null, chips(c.software)),
        h("span", { class: "k" }, "Stories"), h("span", null, (c.stories || []).slice(0, 40).map(s => h("a", { class: "chip", href: "#/stories/" + encodeURIComponent(s) }, s)))),
      att.length ? h("table", { class: "attribution" }, h("thead", null, h("tr", null, ["#", "Group", "Confidence", "Score", "Evidence"].map(t => h("th", null, t)))),
        h("tbody", null, att.slice(0, 5).map((a, i) => h("tr", null, h("td", null, String(i + 1)), h("td", null, a.id + " " + a.name),
          h("td", null, Math.round((a.confidence || 0) * 100) + "% (" + (a.confidence_label || "") + ")"), h("td", { class: "score" }, a.score),
          h("td", null, h("details", null, h("summary", null, (a.evidence_for || []).length + " for, " + (a.evidence_against || []).length + " against"),
            h("ul", { class: "evidence" }, (a.evidence_for || []).map(e => h("li", null, "✔ " + e))),
            h("ul", { class: "evidence muted" }, (a.evidence_against || []).map(e => h("li", null, "✘ " + e))))))))) :
        h("p", { class: "muted" }, "No attribution (no ATT&CK data was given to the hunt)."));
  }

  function overlapMatrix(list, overlap) {
    const ids = list.map(c => c.id);
    const at = new Map();
    overlap.forEach(o => { at.set(o.a + "|" + o.b, o); at.set(o.b + "|" + o.a, o); });
    const table = h("table", { class: "matrix", id: "overlap" }, h("thead", null, h("tr", null, h("th", null, ""), ids.map(i => h("th", null, i.replace("cluster-", ""))))),
      h("tbody", null, ids.map(a => h("tr", null, h("th", null, a), ids.map(b => {
        if (a === b) return h("td", null, "—");
        const o = at.get(a + "|" + b);
        const v = o ? o.technique_jaccard : 0;
        const td = h("td", null, v ? v.toFixed(2) : "");
        td.style.background = "rgba(64, 176, 224, " + Math.min(1, v * 2.5).toFixed(2) + ")";
        if (o) td.setAttribute("title", "techniques " + v + ", software " + o.software_jaccard + (o.shared_techniques && o.shared_techniques.length ? "; shared: " + o.shared_techniques.join(", ") : ""));
        return td;
      })))));
    return h("div", { class: "panel" }, h("h2", null, "Technique overlap (Jaccard) between the first " + ids.length + " clusters"), h("div", { style: null }, table));
  }

  window.addEventListener("hashchange", render);
  render();
})();
