import { STATUS_PAGE_SCRIPT } from './status-page-script.js';
import { STATUS_PAGE_STYLE } from './status-page-style.js';
import type { StatusSnapshot } from './status-snapshot.js';

/** JSON safe inside a `<script>` element: no `</script>` or `<!--` can end it early. */
const scriptSafeJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * The whole status page: one HTML document with its stylesheet, script and first snapshot
 * inline, so it needs nothing from the network but its own event stream.
 */
export function statusPageHtml(snapshot: StatusSnapshot): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ModelMesh status</title>
<link rel="icon" href="data:,">
<style>${STATUS_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>ModelMesh status</h1>
<span id="conn" class="conn" role="status" data-live="false">connecting…</span>
<span id="updated" class="muted"></span>
</header>
<main>
<section class="card" aria-labelledby="traffic-heading">
<h2 id="traffic-heading">Traffic</h2>
<div class="summary">
<div class="figure"><b id="total-requests">0</b><span>requests</span></div>
<div class="figure"><b id="total-failed">0</b><span>failed attempts</span></div>
<div class="figure"><b id="total-tokens">0</b><span>tokens</span></div>
<div class="figure"><b id="total-cost">$0</b><span>spend</span></div>
<div class="figure"><span id="total-spark"></span><span>spend trend</span></div>
</div>
</section>
<section aria-labelledby="pools-heading">
<h2 id="pools-heading">Pools</h2>
<div id="pools" class="pools"></div>
</section>
<section class="card" aria-labelledby="models-heading">
<h2 id="models-heading">Models</h2>
<div id="models"></div>
</section>
<section class="card" aria-labelledby="budgets-heading">
<h2 id="budgets-heading">Budgets</h2>
<div id="budgets"></div>
</section>
<section class="card" aria-labelledby="events-heading">
<h2 id="events-heading">Recent events</h2>
<div id="events" class="events"></div>
</section>
</main>
<script type="application/json" id="initial-snapshot">${scriptSafeJson(snapshot)}</script>
<script>${STATUS_PAGE_SCRIPT}</script>
</body>
</html>
`;
}
