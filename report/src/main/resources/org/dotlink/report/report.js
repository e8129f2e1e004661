(function () {
  'use strict';
  // Every string below comes from logs an attacker could write. It is only ever placed with
  // textContent, text nodes, or setAttribute on attributes that cannot run code (class, title, SVG geometry).
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var LEVELS = ['critical', 'high', 'medium', 'low', 'informational'];
  var LEVEL_COLORS = {critical: '#a50f15', high: '#e34a33', medium: '#fdae61', low: '#74add1', informational: '#bdbdbd'};
  var KIND_COLORS = {host: '#1f3a93', process: '#e67e22', account: '#16a085', service: '#8e44ad', file: '#c0392b',
    web: '#2980b9', detection: '#d81b60', entity: '#7f8c8d'};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) { continue; }
      parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return parent;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG_NS, tag);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, String(attrs[k])); } }
    return e;
  }
  function svgText(x, y, text, attrs) {
    var t = svg('text', Object.assign({x: x, y: y}, attrs || {}));
    t.textContent = String(text);
    return t;
  }
  function tooltip(node, text) {
    var t = svg('title', {});
    t.textContent = String(text);
    node.appendChild(t);
    return node;
  }
  function fmt(n) { return (n === null || n === undefined) ? '0' : Number(n).toLocaleString('en-US'); }
  function cut(s, n) { s = String(s === null || s === undefined ? '' : s); return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }
  function level(l) { return el('span', 'lvl lvl-' + (LEVELS.indexOf(l) >= 0 ? l : 'informational'), l); }
  function pills(list, max) {
    var span = el('span');
    (list || []).slice(0, max || 1000).forEach(function (p) { add(span, el('span', 'pill', p)); });
    if (list && max && list.length > max) { add(span, el('span', 'muted', ' +' + (list.length - max))); }
    return span;
  }
  function section(id, title) {
    var s = el('section');
    s.id = id;
    add(s, el('h2', null, title));
    main.appendChild(s);
    return s;
  }
  function heat(v, max) {
    // light yellow -> orange -> dark red, by share of max
    var t = max > 0 ? Math.min(1, v / max) : 0;
    var stops = [[255, 243, 176], [255, 154, 77], [215, 48, 31], [127, 0, 0]];
    var p = t * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(p)), f = p - i;
    var c = stops[i].map(function (a, k) { return Math.round(a + (stops[i + 1][k] - a) * f); });
    return 'rgb(' + c.join(',') + ')';
  }
  function bars(parent, entries, max, color) {
    entries.forEach(function (e) {
      var fill = el('div', 'fill');
      fill.style.width = (max > 0 ? Math.max(1, 100 * e[1] / max) : 0) + '%';
      if (color) { fill.style.background = color(e[0]); }
      var lbl = el('span', 'lbl', e[0] === '' ? '(none)' : e[0]);
      lbl.title = String(e[0]);
      add(parent, add(el('div', 'bar'), lbl, add(el('div', 'track'), fill), el('span', 'num', fmt(e[1]))));
    });
  }

  var S = data.summary || {};
  var F = S.findings || {};
  var I = S.inputs || {};
  var R = S.rules || {};

  // ---- header ----
  var header = el('header', 'top');
  add(header, el('h1', null, 'Dotlink hunt report'), el('span', 'gen', 'generated ' + data.generated));
  var nav = el('nav');
  [['overview', 'Overview'], ['stories', 'Stories'], ['timeline', 'Timeline'], ['matrix', 'ATT&CK matrix'],
    ['clusters', 'Clusters'], ['attribution', 'Attribution'], ['findings', 'Findings']].forEach(function (n) {
    var a = el('a', null, n[1]);
    a.setAttribute('href', '#' + n[0]);
    nav.appendChild(a);
  });
  header.appendChild(nav);
  document.body.appendChild(header);
  var main = el('main');
  document.body.appendChild(main);

  // ---- overview ----
  (function () {
    var s = section('overview', 'Overview');
    var cards = el('div', 'cards');
    [['events read', I.events], ['files read', I.files_read], ['findings', F.total], ['stories', data.storiesTotal],
      ['activity clusters', data.clustersTotal], ['rules loaded', R.loaded], ['damaged inputs', I.damaged_inputs],
      ['warnings', I.warnings]].forEach(function (c) {
      add(cards, add(el('div', 'card'), el('div', 'v', fmt(c[1])), el('div', 'k', c[0])));
    });
    s.appendChild(cards);
    if (data.attackNote) { add(s, el('div', 'note', 'Attribution skipped: ' + data.attackNote)); }
    var cols = el('div', 'cols');
    var lv = add(el('div'), el('h3', null, 'Findings by level'));
    var byLevel = F.by_level || {};
    var lmax = Math.max.apply(null, LEVELS.map(function (l) { return byLevel[l] || 0; }).concat([1]));
    bars(lv, LEVELS.map(function (l) { return [l, byLevel[l] || 0]; }), lmax, function (l) { return LEVEL_COLORS[l]; });
    var hosts = add(el('div'), el('h3', null, 'Top hosts'));
    var he = Object.keys(F.by_host || {}).map(function (h) { return [h, F.by_host[h]]; }).slice(0, 10);
    bars(hosts, he, he.length ? he[0][1] : 1);
    var rules = add(el('div'), el('h3', null, 'Top rules'));
    var re = (F.by_rule || []).slice(0, 10).map(function (r) { return [r.rule_title || r.rule_id, r.findings]; });
    bars(rules, re, re.length ? re[0][1] : 1);
    add(cols, lv, hosts, rules);
    s.appendChild(cols);
    var inputs = add(el('div'), el('h3', null, 'Inputs'));
    var ul = el('ul', 'plain');
    (I.paths || []).forEach(function (p) { add(ul, el('li', null, p)); });
    inputs.appendChild(ul);
    var skipped = I.skipped_unknown_format || [];
    add(inputs, el('div', 'muted', fmt(skipped.length || 0) + ' files skipped as unknown format, '
      + fmt(I.archive_entries_skipped) + ' archive entries skipped'
      + (I.recovered_events ? ', ' + fmt(I.recovered_events) + ' events recovered from slack' : '')
      + (data.attack ? '; ATT&CK data: ' + data.attack : '')));
    var probs = I.problems || [];
    add(inputs, el('h3', null, 'Input problems (' + fmt(probs.length) + ')'));
    if (probs.length === 0) {
      add(inputs, el('div', 'muted', 'Every input was read without problems.'));
    } else {
      var pl = el('ul', 'plain');
      probs.slice(0, 50).forEach(function (p) { add(pl, el('li', null, typeof p === 'string' ? p : JSON.stringify(p))); });
      inputs.appendChild(pl);
      if (probs.length > 50) { add(inputs, el('div', 'muted', (probs.length - 50) + ' more in summary.json')); }
    }
    s.appendChild(inputs);
  })();

  // ---- stories ----
  function layout(nodes, edges, w, h) {
    var n = nodes.length, pos = [], idx = {};
    nodes.forEach(function (nd, i) {
      idx[nd[0]] = i;
      var a = 2 * Math.PI * i / Math.max(1, n);
      var r = nd[2] === 'host' ? 0.15 : 0.38;
      pos.push({x: w / 2 + Math.cos(a) * r * w, y: h / 2 + Math.sin(a) * r * h, vx: 0, vy: 0});
    });
    var links = edges.map(function (e) { return [idx[e[0]], idx[e[1]]]; }).filter(function (l) {
      return l[0] !== undefined && l[1] !== undefined;
    });
    var k = Math.sqrt(w * h / Math.max(1, n)) * 0.6;
    for (var it = 0; it < 300; it++) {
      var temp = 0.1 * (1 - it / 300) * w;
      var disp = pos.map(function () { return {x: 0, y: 0}; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
          var f = k * k / d;
          disp[i].x += dx / d * f; disp[i].y += dy / d * f; disp[j].x -= dx / d * f; disp[j].y -= dy / d * f;
        }
      }
      links.forEach(function (l) {
        var a = pos[l[0]], b = pos[l[1]], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        var f = d * d / k;
        disp[l[0]].x -= dx / d * f; disp[l[0]].y -= dy / d * f; disp[l[1]].x += dx / d * f; disp[l[1]].y += dy / d * f;
      });
      for (i = 0; i < n; i++) {
        disp[i].x += (w / 2 - pos[i].x) * 0.02 * k / 10; disp[i].y += (h / 2 - pos[i].y) * 0.02 * k / 10;
        var dl = Math.sqrt(disp[i].x * disp[i].x + disp[i].y * disp[i].y) || 0.01;
        pos[i].x = Math.min(w - 90, Math.max(90, pos[i].x + disp[i].x / dl * Math.min(dl, temp)));
        pos[i].y = Math.min(h - 30, Math.max(30, pos[i].y + disp[i].y / dl * Math.min(dl, temp)));
      }
    }
    return {pos: pos, idx: idx};
  }

  function storyGraph(g) {
    var w = 720, h = 380;
    var root = svg('svg', {'class': 'graph', viewBox: '0 0 ' + w + ' ' + h, role: 'img'});
    if (!g.nodes.length) {
      root.appendChild(svgText(w / 2, h / 2, 'no entities to draw', {'text-anchor': 'middle', fill: '#667085'}));
      return root;
    }
    var L = layout(g.nodes, g.edges, w, h);
    var labelEdges = g.edges.length <= 24;
    g.edges.forEach(function (e) {
      var a = L.pos[L.idx[e[0]]], b = L.pos[L.idx[e[1]]];
      if (!a || !b) { return; }
      var grp = svg('g', {});
      var detected = e[2] === 'detected';
      grp.appendChild(svg('line', {x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: detected ? '#e6a3bd' : '#9aa5b8',
        'stroke-width': Math.min(5, 1 + Math.log(e[4])), 'stroke-opacity': 0.85,
        'stroke-dasharray': detected ? '4 3' : 'none'}));
      if (labelEdges && !detected) {
        grp.appendChild(svgText((a.x + b.x) / 2, (a.y + b.y) / 2 - 3, e[2] + (e[4] > 1 ? ' \u00d7' + e[4] : ''),
          {'text-anchor': 'middle', 'font-size': 10, fill: '#4a5568'}));
      }
      tooltip(grp, e[2] + ': ' + e[3] + (e[4] > 1 ? ' (' + e[4] + ' links)' : ''));
      root.appendChild(grp);
    });
    g.nodes.forEach(function (nd, i) {
      var p = L.pos[i], grp = svg('g', {});
      var color = KIND_COLORS[nd[2]] || KIND_COLORS.entity;
      if (nd[2] === 'host') {
        grp.appendChild(svg('rect', {x: p.x - 9, y: p.y - 9, width: 18, height: 18, rx: 3, fill: color}));
      } else {
        grp.appendChild(svg('circle', {cx: p.x, cy: p.y, r: 7, fill: color}));
      }
      grp.appendChild(svgText(p.x, p.y + 21, cut(nd[1], 30), {'text-anchor': 'middle', 'font-size': 11,
        fill: '#1d2330', 'font-weight': nd[2] === 'host' ? 600 : 400}));
      tooltip(grp, nd[2] + ': ' + nd[1]);
      root.appendChild(grp);
    });
    return root;
  }

  (function () {
    var s = section('stories', 'Top stories');
    add(s, el('div', 'muted', 'The ' + Math.min(data.stories.length, data.storiesTotal) + ' best-scored of '
      + fmt(data.storiesTotal) + ' stories: findings linked through the hosts, processes and accounts they share.'));
    var legend = el('div', 'legend');
    Object.keys(KIND_COLORS).forEach(function (k) {
      var i = el('i'); i.style.background = KIND_COLORS[k]; add(legend, add(el('span'), i, k));
    });
    s.appendChild(legend);
    data.stories.forEach(function (st) {
      var box = el('div', 'story');
      add(box, add(el('div', 'head'), el('b', null, st.id), el('span', 'pill', 'score ' + st.score),
        el('span', 'muted', st.findingsTotal + ' findings \u00b7 ' + st.first + ' \u2192 ' + st.last),
        pills(st.hosts, 8)));
      add(box, add(el('div', 'muted'), 'tactics: ', st.tactics.join(' \u203a ') || '\u2013',
        '  \u00b7 techniques: ', st.techniques.join(', ') || '\u2013',
        st.users.length ? '  \u00b7 accounts: ' + st.users.join(', ') : ''));
      var body = el('div', 'body');
      var left = el('div');
      left.appendChild(storyGraph(st.graph));
      var rs = add(el('div'), el('h3', null, 'Why these findings belong together'));
      var rl = el('ul', 'plain');
      st.reasons.forEach(function (r) {
        add(rl, add(el('li'), el('span', 'pill', r[0]), ' ', r[1], r[2] > 1 ? ' (\u00d7' + r[2] + ')' : ''));
      });
      rs.appendChild(rl);
      left.appendChild(rs);
      var right = add(el('div'), el('h3', null, 'Findings'));
      var t = el('table', 'mini'), tb = el('tbody');
      add(t, add(el('thead'), add(el('tr'), el('th', null, 'time'), el('th', null, 'host'), el('th', null, 'level'),
        el('th', null, 'rule'))), tb);
      st.findings.forEach(function (f) {
        add(tb, add(el('tr'), el('td', null, String(f[0]).replace('T', ' ').slice(0, 19)), el('td', null, f[1]),
          add(el('td'), level(f[2])), el('td', null, f[3])));
      });
      right.appendChild(t);
      if (st.findingsTotal > st.findings.length) {
        add(right, el('div', 'muted', (st.findingsTotal - st.findings.length) + ' more in stories.json'));
      }
      add(body, left, right);
      box.appendChild(body);
      s.appendChild(box);
    });
    if (!data.stories.length) { add(s, el('div', 'muted', 'No stories.')); }
  })();

  // ---- timeline ----
  var rows = data.findings.rows;
  (function () {
    var s = section('timeline', 'Timeline');
    var times = [], t0 = Infinity, t1 = -Infinity;
    for (var i = 0; i < rows.length; i++) {
      var t = Date.parse(rows[i][0]);
      times.push(t);
      if (!isNaN(t)) { if (t < t0) { t0 = t; } if (t > t1) { t1 = t; } }
    }
    if (!isFinite(t0)) { add(s, el('div', 'muted', 'No findings to place on a timeline.')); return; }
    var BINS = 80, span = Math.max(1, t1 - t0), counts = [];
    for (i = 0; i < BINS; i++) { counts.push({critical: 0, high: 0, medium: 0, low: 0, informational: 0, all: 0}); }
    for (i = 0; i < rows.length; i++) {
      if (isNaN(times[i])) { continue; }
      var b = Math.min(BINS - 1, Math.floor((times[i] - t0) / span * BINS));
      var lv = LEVEL_COLORS[rows[i][2]] ? rows[i][2] : 'informational';
      counts[b][lv]++; counts[b].all++;
    }
    var max = Math.max.apply(null, counts.map(function (c) { return c.all; }).concat([1]));
    var w = 1200, h = 220, padL = 44, padB = 34, bw = (w - padL - 10) / BINS;
    var root = svg('svg', {'class': 'graph', viewBox: '0 0 ' + w + ' ' + h, role: 'img'});
    for (var g = 0; g <= 4; g++) {
      var y = h - padB - (h - padB - 10) * g / 4;
      root.appendChild(svg('line', {x1: padL, x2: w - 10, y1: y, y2: y, stroke: '#eceef2'}));
      root.appendChild(svgText(padL - 6, y + 4, Math.round(max * g / 4), {'text-anchor': 'end', 'font-size': 10, fill: '#667085'}));
    }
    counts.forEach(function (c, k) {
      var yb = h - padB;
      var grp = svg('g', {});
      LEVELS.slice().reverse().forEach(function (l) {
        if (!c[l]) { return; }
        var bh = (h - padB - 10) * c[l] / max;
        yb -= bh;
        grp.appendChild(svg('rect', {x: padL + k * bw + 1, y: yb, width: Math.max(1, bw - 2), height: bh, fill: LEVEL_COLORS[l]}));
      });
      var from = new Date(t0 + span * k / BINS).toISOString().slice(0, 16).replace('T', ' ');
      tooltip(grp, from + ' UTC: ' + c.all + ' findings (' + LEVELS.filter(function (l) { return c[l]; })
        .map(function (l) { return l + ' ' + c[l]; }).join(', ') + ')');
      root.appendChild(grp);
    });
    [0, 0.25, 0.5, 0.75, 1].forEach(function (q) {
      var x = padL + (w - padL - 10) * q;
      root.appendChild(svgText(x, h - 12, new Date(t0 + span * q).toISOString().slice(0, 16).replace('T', ' '),
        {'text-anchor': q === 0 ? 'start' : q === 1 ? 'end' : 'middle', 'font-size': 11, fill: '#667085'}));
    });
    add(s, el('div', 'muted', 'Findings over time, by level (' + fmt(rows.length) + ' findings, '
      + new Date(t0).toISOString().slice(0, 10) + ' to ' + new Date(t1).toISOString().slice(0, 10) + ').'));
    s.appendChild(root);
    var legend = el('div', 'legend');
    LEVELS.forEach(function (l) { var i2 = el('i'); i2.style.background = LEVEL_COLORS[l]; add(legend, add(el('span'), i2, l)); });
    s.appendChild(legend);
  })();

  // ---- ATT&CK matrix ----
  (function () {
    var s = section('matrix', 'ATT&CK matrix: techniques seen');
    var max = 1;
    data.matrix.forEach(function (c) { c.techniques.forEach(function (t) { max = Math.max(max, t.count); }); });
    var legend = el('div', 'heat-legend');
    var grad = el('span', 'grad');
    grad.style.background = 'linear-gradient(90deg,' + heat(0, 1) + ',' + heat(0.5, 1) + ',' + heat(1, 1) + ')';
    add(legend, '1 finding', grad, fmt(max) + ' findings');
    s.appendChild(legend);
    var m = el('div', 'matrix'), unseen = [];
    data.matrix.forEach(function (col) {
      if (!col.techniques.length) { unseen.push(col.name); return; }
      var c = el('div', 'col');
      var total = col.techniques.reduce(function (a, t) { return a + t.count; }, 0);
      add(c, add(el('h4', null, col.name), el('span', null, col.techniques.length + ' techniques \u00b7 ' + fmt(total))));
      col.techniques.slice().sort(function (a, b) { return b.count - a.count; }).forEach(function (t) {
        var cell = el('div', 'cell');
        cell.style.background = heat(Math.log(1 + t.count), Math.log(1 + max));
        if (t.count / max > 0.55) { cell.style.color = '#fff'; }
        add(cell, el('b', null, t.id), t.name ? cut(t.name, 40) : '', el('div', null, fmt(t.count) + ' findings'));
        cell.title = t.id + (t.name ? ' ' + t.name : '') + ': ' + t.count + ' findings';
        c.appendChild(cell);
      });
      m.appendChild(c);
    });
    s.appendChild(m);
    if (unseen.length) { add(s, el('div', 'muted', 'No technique seen under: ' + unseen.join(', ') + '.')); }
  })();

  // ---- clusters and overlap ----
  (function () {
    var s = section('clusters', 'Activity clusters');
    add(s, el('div', 'muted', fmt(data.clustersTotal) + ' clusters of stories that share techniques, software and'
      + ' infrastructure' + (data.clustersTotal > data.clusters.length ? '; the top ' + data.clusters.length + ' shown' : '') + '.'));
    var wrap = el('div', 'scroll');
    var t = el('table', 'mini'), tb = el('tbody');
    add(t, add(el('thead'), add(el('tr'), el('th', null, 'cluster'), el('th', null, 'score'), el('th', null, 'stories'),
      el('th', null, 'hosts'), el('th', null, 'first \u2192 last'), el('th', null, 'tactics'),
      el('th', null, 'techniques'), el('th', null, 'most like'))), tb);
    data.clusters.forEach(function (c) {
      var best = c.attribution[0];
      add(tb, add(el('tr'), el('td', null, c.id), el('td', null, c.score), el('td', null, c.stories),
        add(el('td'), pills(c.hosts, 6)), el('td', null, String(c.first).slice(0, 10) + ' \u2192 ' + String(c.last).slice(0, 10)),
        el('td', null, c.tactics.length), el('td', null, c.techniques.length),
        el('td', null, best ? best.name + ' (' + best.id + ', ' + best.label + ')' : '\u2013')));
    });
    wrap.appendChild(t);
    s.appendChild(wrap);

    var ids = data.overlap.ids;
    add(s, el('h3', null, 'TTP overlap between the top ' + ids.length + ' clusters (Jaccard of their techniques)'));
    if (ids.length < 2) { add(s, el('div', 'muted', 'Fewer than two clusters.')); return; }
    var n = ids.length, cell = 30, pad = 86, w = pad + n * cell + 10, h = pad + n * cell + 10;
    var root = svg('svg', {'class': 'graph', viewBox: '0 0 ' + w + ' ' + h, role: 'img'});
    root.style.maxWidth = w * 1.3 + 'px';
    var value = {};
    data.overlap.cells.forEach(function (c) { value[c[0] + ',' + c[1]] = c; value[c[1] + ',' + c[0]] = c; });
    ids.forEach(function (id, i) {
      root.appendChild(svgText(pad - 6, pad + i * cell + cell / 2 + 4, id, {'text-anchor': 'end', 'font-size': 11, fill: '#1d2330'}));
      var lx = pad + i * cell + cell / 2, ly = pad - 6;
      root.appendChild(svgText(lx, ly, id, {'font-size': 11, fill: '#1d2330', transform: 'rotate(-55 ' + lx + ' ' + ly + ')'}));
    });
    for (var i = 0; i < n; i++) {
      for (var j = 0; j < n; j++) {
        var c = value[i + ',' + j], v = i === j ? 1 : (c ? c[2] : 0);
        var g = svg('g', {});
        g.appendChild(svg('rect', {x: pad + j * cell, y: pad + i * cell, width: cell - 1, height: cell - 1,
          fill: i === j ? '#d5d9e2' : v > 0 ? heat(v, 1) : '#f4f5f8'}));
        if (i !== j && v > 0) {
          g.appendChild(svgText(pad + j * cell + cell / 2, pad + i * cell + cell / 2 + 4, v.toFixed(2).replace(/^0/, ''),
            {'text-anchor': 'middle', 'font-size': 9.5, fill: v > 0.55 ? '#fff' : '#1d2330'}));
        }
        tooltip(g, i === j ? ids[i] : ids[i] + ' \u00d7 ' + ids[j] + ': techniques ' + v.toFixed(2)
          + (c ? ', software ' + c[3].toFixed(2) + (c[4].length ? '; shared: ' + c[4].join(', ') : '') : ''));
        root.appendChild(g);
      }
    }
    s.appendChild(root);
  })();

  // ---- attribution ----
  (function () {
    var s = section('attribution', 'Attribution');
    if (data.attackNote) { add(s, el('div', 'note', 'No attribution: ' + data.attackNote)); }
    add(s, el('div', 'muted', 'Each cluster ranked against the ATT&CK groups; confidence is each candidate\'s share of'
      + ' belief among all groups, with the evidence for and against it.'));
    var shown = 0;
    data.clusters.forEach(function (c) {
      if (!c.attribution.length || shown >= 12) { return; }
      shown++;
      var box = el('div', 'cluster');
      add(box, add(el('div', 'head'), el('b', null, c.id), ' ', el('span', 'muted', c.stories + ' stories on '
        + c.hosts.length + ' hosts \u00b7 techniques: ' + cut(c.techniques.join(', '), 160))));
      c.attribution.forEach(function (a, k) {
        var fill = el('div', 'fill');
        fill.style.width = Math.max(0.5, 100 * a.confidence) + '%';
        add(box, add(el('div', 'cand'), el('span', null, (k + 1) + '. ' + a.name + ' (' + a.id + ')'),
          add(el('div', 'track'), fill), el('span', null, Math.round(a.confidence * 100) + '% ' + a.label)));
        var d = el('details', 'ev');
        if (k === 0) { d.open = true; }
        add(d, el('summary', null, a['for'].length + ' for, ' + a.against.length + ' against'));
        function evidence(list, cls) {
          var ul = el('ul', 'plain ' + cls);
          list.slice(0, 12).forEach(function (e) { add(ul, el('li', null, e)); });
          return add(el('div'), ul, list.length > 12 ? el('div', 'more', (list.length - 12) + ' more in clusters.json') : null);
        }
        add(d, el('div', 'muted', 'for'), evidence(a['for'], 'ev-for'), el('div', 'muted', 'against'),
          evidence(a.against, 'ev-against'));
        box.appendChild(d);
      });
      s.appendChild(box);
    });
    if (!shown && !data.attackNote) { add(s, el('div', 'muted', 'No cluster has candidates.')); }
  })();

  // ---- findings table (paged) ----
  (function () {
    var s = section('findings', 'Findings');
    var f = data.findings;
    add(s, el('div', 'muted', fmt(f.total) + ' findings' + (f.total > rows.length ? '; the first ' + fmt(rows.length)
      + ' are listed here (the report holds at most ' + fmt(f.limit) + '), all of them are in findings.jsonl' : '')
      + '. Sorted by time.'));
    var PAGE = 50, page = 0, view = rows;
    var search = el('input');
    search.setAttribute('type', 'search');
    search.setAttribute('placeholder', 'filter: host, rule, technique, command line\u2026');
    search.setAttribute('size', '40');
    var lvl = el('select');
    add(lvl, el('option', null, 'all levels'));
    LEVELS.forEach(function (l) { var o = el('option', null, l); o.value = l; lvl.appendChild(o); });
    lvl.options[0].value = '';
    var prev = el('button', null, '\u2039 previous'), next = el('button', null, 'next \u203a');
    prev.setAttribute('type', 'button'); next.setAttribute('type', 'button');
    var info = el('span', 'muted');
    info.id = 'findings-page';
    add(s, add(el('div', 'controls'), search, lvl, prev, next, info));
    var wrap = el('div', 'scroll');
    var t = el('table', 'findings'), tb = el('tbody');
    tb.id = 'findings-body';
    add(t, add(el('thead'), add(el('tr'), el('th', null, 'time (UTC)'), el('th', null, 'host'), el('th', null, 'level'),
      el('th', null, 'rule'), el('th', null, 'techniques'), el('th', null, 'story'), el('th', null, 'details'))), tb);
    wrap.appendChild(t);
    s.appendChild(wrap);

    function render() {
      var pages = Math.max(1, Math.ceil(view.length / PAGE));
      page = Math.min(page, pages - 1);
      var frag = document.createDocumentFragment();
      view.slice(page * PAGE, page * PAGE + PAGE).forEach(function (r) {
        var tr = el('tr');
        var src = el('td', 'details', r[6]);
        src.title = r[7];
        add(tr, el('td', 'time', String(r[0]).replace('T', ' ').replace('Z', '')), el('td', null, r[1]),
          add(el('td'), level(r[2])), el('td', null, r[3]), el('td', null, r[4]), el('td', null, r[5] || ''), src);
        frag.appendChild(tr);
      });
      tb.replaceChildren(frag);
      info.textContent = view.length ? 'rows ' + fmt(page * PAGE + 1) + '\u2013' + fmt(Math.min(view.length, page * PAGE + PAGE))
        + ' of ' + fmt(view.length) + ' \u00b7 page ' + (page + 1) + ' of ' + fmt(pages) : 'no findings match';
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    function filter() {
      var q = search.value.trim().toLowerCase(), l = lvl.value;
      view = (!q && !l) ? rows : rows.filter(function (r) {
        if (l && r[2] !== l) { return false; }
        if (!q) { return true; }
        for (var i = 0; i < 8; i++) {
          if (r[i] && String(r[i]).toLowerCase().indexOf(q) >= 0) { return true; }
        }
        return false;
      });
      page = 0;
      render();
    }
    var timer = null;
    search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(filter, 200); });
    lvl.addEventListener('change', filter);
    prev.addEventListener('click', function () { page--; render(); });
    next.addEventListener('click', function () { page++; render(); });
    render();
  })();
  document.body.setAttribute('data-rendered', 'true');
})();
