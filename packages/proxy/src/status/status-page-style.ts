/** The status page's stylesheet: system fonts, light and dark, no external resources. */
export const STATUS_PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --text: #1d2330; --muted: #5d6677; --line: #e3e6eb;
  --ok: #137a43; --ok-bg: #e3f5ea; --warn: #8a5a00; --warn-bg: #fdf1d8; --bad: #b42318; --bad-bg: #fde7e5; --accent: #2f5bd3; }
@media (prefers-color-scheme: dark) { :root { --bg: #12151b; --card: #1b2029; --text: #e6e9ef; --muted: #9aa3b2; --line: #2b323e;
  --ok: #5fd08f; --ok-bg: #153324; --warn: #f1c15b; --warn-bg: #3a2e12; --bad: #ff8a80; --bad-bg: #3d1a18; --accent: #8fb0ff; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; padding: 18px 28px 8px; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 15px; margin: 0 0 10px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
h3 { font-size: 16px; margin: 0; }
main { padding: 8px 28px 28px; display: grid; gap: 20px; }
section.card, article.pool { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; }
.pools { display: grid; gap: 14px; grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); }
.pool-head { display: flex; justify-content: space-between; align-items: baseline; gap: 10px; margin-bottom: 8px; flex-wrap: wrap; }
.muted { color: var(--muted); }
.conn { font-size: 13px; color: var(--muted); }
.conn::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; background: var(--warn); vertical-align: 1px; }
.conn[data-live="true"]::before { background: var(--ok); }
.summary { display: flex; gap: 28px; flex-wrap: wrap; }
.figure { display: grid; }
.figure b { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure span { color: var(--muted); font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); font-size: 12px; padding-bottom: 6px; }
th { text-align: left; font-weight: 600; font-size: 12px; color: var(--muted); border-bottom: 1px solid var(--line); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 7px 8px; vertical-align: middle; }
tr:last-child td { border-bottom: 0; }
td.num, th.num { text-align: right; }
td.name, td.time, td.num { white-space: nowrap; }
.note { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; font-size: 12px; color: var(--muted); max-width: 60ch; }
tr.selected td:first-child { box-shadow: inset 3px 0 var(--accent); }
.pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.pill.active { color: var(--ok); background: var(--ok-bg); }
.pill.standby { color: var(--bad); background: var(--bad-bg); }
.pill.half-open { color: var(--warn); background: var(--warn-bg); }
.pick { color: var(--accent); font-weight: 600; }
.spark { display: block; }
.spark polyline { fill: none; stroke: var(--accent); stroke-width: 1.6; stroke-linejoin: round; stroke-linecap: round; }
.spark.spend polyline { stroke: var(--ok); }
.spark line { stroke: var(--line); }
.spark circle { fill: var(--accent); }
.spark.spend circle { fill: var(--ok); }
.bar { height: 8px; border-radius: 4px; background: var(--line); overflow: hidden; min-width: 120px; }
.bar > div { height: 100%; background: var(--ok); }
.bar.alert > div { background: var(--warn); }
.bar.exceeded > div { background: var(--bad); }
.kind { font-size: 12px; font-weight: 600; }
.kind.error, .kind.standby { color: var(--bad); }
.kind.failover, .kind.budget { color: var(--warn); }
.kind.recovered, .kind.reload { color: var(--ok); }
.events { max-height: 320px; overflow: auto; }
.empty { color: var(--muted); font-style: italic; }
`;
