/**
 * The status page's script: renders a snapshot (see `status-snapshot.ts`) into the page with
 * DOM calls and `textContent` only (names from config are never parsed as HTML), and
 * re-renders on each server-sent `snapshot` event. Plain ES2019, no dependencies.
 */
export const STATUS_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var key in attrs || {}) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'className') node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function ms(value) {
    if (value === null || value === undefined) return '–';
    if (value < 1000) return Math.round(value) + ' ms';
    if (value < 60000) return (value / 1000).toFixed(value < 10000 ? 1 : 0) + ' s';
    var minutes = Math.floor(value / 60000), seconds = Math.round((value % 60000) / 1000);
    return minutes + ' min' + (seconds ? ' ' + seconds + ' s' : '');
  }
  function usd(value) {
    if (!value) return '$0';
    if (value >= 1) return '$' + value.toFixed(2);
    return '$' + value.toPrecision(3);
  }
  function amount(value, type) { return type === 'cost' ? usd(value) : String(Math.round(value)); }
  function count(value) { return value >= 10000 ? (value / 1000).toFixed(1) + 'k' : String(value); }
  function time(at) { return new Date(at).toLocaleTimeString(); }

  /** From the first bucket with activity on (lead buckets before it), so a young window is not a flat line with a blip at its end. */
  function fromFirstActivity(values, lead) {
    for (var i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== 0) return values.slice(Math.max(0, Math.min(i - lead, values.length - 2)));
    return values;
  }
  function cumulative(values) {
    var sum = 0;
    return values.map(function (v) { sum += v || 0; return sum; });
  }
  function sparkline(values, label, kind, wide) {
    var width = wide ? 220 : 120, height = wide ? 36 : 28, pad = 3;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'spark' + (kind ? ' ' + kind : ''));
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    var base = document.createElementNS(SVG, 'line');
    base.setAttribute('x1', 0); base.setAttribute('x2', width);
    base.setAttribute('y1', height - 1); base.setAttribute('y2', height - 1);
    svg.appendChild(base);
    // A running total starts from the zero before it; other series from their first value.
    var points = fromFirstActivity(values, kind === 'spend' ? 1 : 0);
    var max = 0;
    points.forEach(function (v) { if (v !== null && v > max) max = v; });
    var step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
    var run = [];
    function flush() {
      if (run.length === 1) {
        var dot = document.createElementNS(SVG, 'circle');
        dot.setAttribute('cx', run[0][0].toFixed(1)); dot.setAttribute('cy', run[0][1].toFixed(1)); dot.setAttribute('r', '2.5');
        svg.appendChild(dot);
      } else if (run.length > 1) {
        var line = document.createElementNS(SVG, 'polyline');
        line.setAttribute('points', run.map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(' '));
        svg.appendChild(line);
      }
      run = [];
    }
    points.forEach(function (v, i) {
      if (v === null) { flush(); return; }
      var y = height - pad - (max > 0 ? (v / max) * (height - 2 * pad) : 0);
      run.push([pad + i * step, y]);
    });
    flush();
    return svg;
  }

  function table(caption, headers, rows, empty) {
    var head = el('tr', {}, headers.map(function (h) {
      return el('th', { scope: 'col', className: h.num ? 'num' : '', text: h.label });
    }));
    var body = el('tbody', {}, rows.length ? rows : [el('tr', {}, [el('td', { colspan: String(headers.length), className: 'empty', text: empty })])]);
    return el('table', {}, [el('caption', { text: caption }), el('thead', {}, [head]), body]);
  }
  function cell(content, num) {
    var td = el('td', { className: num === true ? 'num' : num || '' });
    if (typeof content === 'string') td.textContent = content; else if (content) td.appendChild(content);
    return td;
  }

  function stateText(m) {
    if (m.status === 'active') return 'active';
    if (m.status === 'half-open') return 'trial';
    return 'standby';
  }
  function stateNote(m) {
    var parts = [];
    if (m.reason) parts.push(m.reason);
    if (m.status === 'standby') parts.push(m.remainingMs === undefined ? 'until reactivated' : 'back in ' + ms(m.remainingMs));
    if (m.status === 'half-open') parts.push('next request is the trial');
    if (m.status === 'active' && m.skipped) parts.push(m.skipped);
    var holder = el('div', { text: parts.join(' · ') });
    if (m.detail && m.status !== 'active') holder.appendChild(el('div', { className: 'note', title: m.detail, text: m.detail }));
    return holder;
  }

  function renderPools(snapshot) {
    var holder = document.getElementById('pools');
    var cards = snapshot.pools.map(function (pool) {
      var headingId = 'pool-' + pool.name.replace(/[^A-Za-z0-9_-]/g, '_');
      var rows = pool.members.map(function (m) {
        var tr = el('tr', { className: m.selected ? 'selected' : '' }, [
          cell(el('span', {}, [el('strong', { text: m.model }), el('span', { className: 'muted', text: m.modelId !== m.model ? ' (' + m.modelId + ')' : '' })]), 'name'),
          cell(m.provider),
          cell(el('span', { className: 'pill ' + m.status, text: stateText(m) })),
          cell(stateNote(m)),
          cell(m.selected ? el('span', { className: 'pick', text: 'next' }) : (m.rank ? '#' + m.rank : ''), true),
        ]);
        tr.setAttribute('data-model', m.model);
        tr.setAttribute('data-state', m.status);
        return tr;
      });
      var head = el('div', { className: 'pool-head' }, [
        el('h3', { id: headingId, text: pool.name }),
        el('span', { className: 'muted', text: 'strategy ' + pool.strategy + (pool.capability ? ' · ' + pool.capability : '') }),
      ]);
      var pick = el('p', { className: 'muted' }, [
        document.createTextNode('Would pick now: '),
        el('strong', { className: 'pick', text: pool.selected || 'none' }),
        document.createTextNode(' — ' + pool.reason),
      ]);
      var t = table('Members of pool ' + pool.name, [{ label: 'Model' }, { label: 'Provider' }, { label: 'State' }, { label: 'Detail' }, { label: 'Order', num: true }], rows, 'No members');
      var card = el('article', { className: 'pool', 'aria-labelledby': headingId }, [head, pick, t]);
      card.setAttribute('data-pool', pool.name);
      return card;
    });
    holder.replaceChildren.apply(holder, cards.length ? cards : [el('p', { className: 'empty', text: 'No pools configured.' })]);
  }

  function renderModels(snapshot) {
    var minutes = Math.round(snapshot.windowMs / 60000);
    var rows = snapshot.models.map(function (m) {
      var last = null;
      m.latencySeries.forEach(function (v) { if (v !== null) last = v; });
      var tr = el('tr', {}, [
        cell(el('strong', { text: m.model }), 'name'),
        cell(count(m.requests), true),
        cell(String(m.failedAttempts), true),
        cell(ms(m.p50Ms), true),
        cell(ms(m.p95Ms), true),
        cell(ms(m.ttftP50Ms), true),
        cell(count(m.tokens), true),
        cell(usd(m.cost), true),
        cell(sparkline(m.latencySeries, 'Latency trend of ' + m.model + ', latest median ' + ms(last))),
        cell(sparkline(cumulative(m.costSeries), 'Spend of ' + m.model + ' over the window, ' + usd(m.cost) + ' so far', 'spend')),
      ]);
      tr.setAttribute('data-model', m.model);
      return tr;
    });
    var headers = [{ label: 'Model' }, { label: 'Requests', num: true }, { label: 'Failed attempts', num: true }, { label: 'Latency p50', num: true }, { label: 'Latency p95', num: true },
      { label: 'TTFT p50', num: true }, { label: 'Tokens', num: true }, { label: 'Cost', num: true }, { label: 'Latency trend' }, { label: 'Spend trend' }];
    var holder = document.getElementById('models');
    holder.replaceChildren(table('Per model, last ' + minutes + ' minutes', headers, rows, 'No requests yet.'));
    var totals = snapshot.totals;
    document.getElementById('total-requests').textContent = count(totals.requests);
    document.getElementById('total-failed').textContent = String(totals.failedAttempts);
    document.getElementById('total-tokens').textContent = count(totals.tokens);
    document.getElementById('total-cost').textContent = usd(totals.cost);
    var spark = document.getElementById('total-spark');
    spark.replaceChildren(sparkline(cumulative(totals.costSeries), 'Spend of all models over the last ' + minutes + ' minutes, ' + usd(totals.cost) + ' so far', 'spend', true));
  }

  function renderBudgets(snapshot) {
    var rows = snapshot.budgets.map(function (b) {
      var share = b.limit > 0 ? Math.min(1, b.used / b.limit) : 0;
      var bar = el('div', { className: 'bar' + (b.exceeded ? ' exceeded' : b.alert ? ' alert' : ''), role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(b.limit), 'aria-valuenow': String(b.used), 'aria-label': b.name + ' spend' }, [el('div')]);
      bar.firstChild.style.width = (share * 100).toFixed(1) + '%';
      var tr = el('tr', {}, [
        cell(el('strong', { text: b.name })),
        cell(b.scope),
        cell(b.period),
        cell(amount(b.used, b.limitType) + ' of ' + amount(b.limit, b.limitType), true),
        cell(bar),
        cell(b.exceeded ? 'exceeded' : b.alert ? 'alert' : 'ok'),
      ]);
      tr.setAttribute('data-budget', b.name);
      return tr;
    });
    document.getElementById('budgets').replaceChildren(table('Spend against limit in the current window', [{ label: 'Budget' }, { label: 'Scope' }, { label: 'Period' }, { label: 'Spent', num: true }, { label: 'Share' }, { label: 'State' }], rows, 'No budgets configured.'));
  }

  function renderEvents(snapshot) {
    var rows = snapshot.events.map(function (e) {
      return el('tr', {}, [cell(time(e.at), 'time'), cell(el('span', { className: 'kind ' + e.kind, text: e.kind })), cell(e.text)]);
    });
    document.getElementById('events').replaceChildren(table('Newest first', [{ label: 'Time' }, { label: 'Kind' }, { label: 'What happened' }], rows, 'Nothing yet.'));
  }

  function render(snapshot) {
    renderPools(snapshot);
    renderModels(snapshot);
    renderBudgets(snapshot);
    renderEvents(snapshot);
    document.getElementById('updated').textContent = 'config generation ' + snapshot.generation + ' · updated ' + time(snapshot.at);
  }

  var initial = document.getElementById('initial-snapshot');
  if (initial) render(JSON.parse(initial.textContent));
  var conn = document.getElementById('conn');
  if (typeof EventSource === 'function') {
    var source = new EventSource('status/events');
    source.addEventListener('snapshot', function (event) { render(JSON.parse(event.data)); });
    source.onopen = function () { conn.textContent = 'live'; conn.setAttribute('data-live', 'true'); };
    source.onerror = function () { conn.textContent = 'reconnecting…'; conn.setAttribute('data-live', 'false'); };
  }
})();
`;
