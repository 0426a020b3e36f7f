/**
 * The explain report: one self-contained HTML file (inline CSS and JS, no network) for one
 * document or a whole run. Per document, the original text with removals struck through and
 * coloured by stage and insertions underlined; hover a mark for its rule, click it for the rule,
 * offsets and evidence. On top, the count per rule and a filter that shows only the documents a
 * rule touched and only that rule's marks.
 */
import type { Change } from '../../core/document.js';
import { type ExplainDoc, piecesOf, REWRITING_STAGES, ruleCounts, ruleOf } from './segments.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A stable hue per stage, so one stage's marks look alike across documents. */
const STAGE_HUES: Record<string, number> = {
  normalize: 200,
  unwrap: 170,
  ligatures: 130,
  boilerplate: 0,
  repeats: 30,
  templates: 290,
  headlines: 320,
  'near-duplicates': 260,
  language: 60,
  gate: 90,
};

function detail(change: Change): string {
  return JSON.stringify({
    rule: ruleOf(change),
    offset: change.offset,
    ...(change.span ? { span: change.span } : {}),
    ...(change.removed !== undefined ? { removed: change.removed.slice(0, 500) } : {}),
    ...(change.inserted !== undefined ? { inserted: change.inserted.slice(0, 500) } : {}),
    ...(change.evidence ? { evidence: change.evidence } : {}),
  });
}

function renderDoc(doc: ExplainDoc, index: number): string {
  const rules = [...new Set(doc.changes.map(ruleOf))];
  const marks = piecesOf(doc)
    .map((piece) => {
      if (piece.kind === 'kept') return escapeHtml(piece.text);
      const change = doc.changes[piece.change];
      if (!change) return escapeHtml(piece.text);
      const tag = piece.kind === 'removed' ? 'del' : 'ins';
      const hue = STAGE_HUES[change.stage] ?? 220;
      return `<${tag} class="mark" style="--hue:${hue}" data-rule="${escapeHtml(ruleOf(change))}" data-change="${escapeHtml(detail(change))}" title="${escapeHtml(ruleOf(change))}">${escapeHtml(piece.text)}</${tag}>`;
    })
    .join('');
  const rewrites = doc.changes.filter((c) => REWRITING_STAGES.has(c.stage));
  const rewriteList = rewrites.length
    ? `<details class="rewrites"><summary>${rewrites.length} change(s) while reading the input (decode, html)</summary><ul>${rewrites
        .map(
          (c) =>
            `<li class="mark-item" data-rule="${escapeHtml(ruleOf(c))}" data-change="${escapeHtml(detail(c))}"><b>${escapeHtml(ruleOf(c))}</b>${c.removed ? ` ${escapeHtml(c.removed.slice(0, 200))}` : ''}${c.evidence ? ` <code>${escapeHtml(JSON.stringify(c.evidence))}</code>` : ''}</li>`,
        )
        .join('')}</ul></details>`
    : '';
  const status = doc.rejected
    ? `<p class="rejected">rejected: <b>${escapeHtml(doc.rejected.reason)}</b> ${escapeHtml(doc.rejected.message)}</p>`
    : '';
  return `<section class="doc" id="doc-${index}" data-rules="${escapeHtml(rules.join(' '))}">
<h2>${escapeHtml(doc.title || doc.source)}</h2>
<p class="meta">${escapeHtml(doc.source)} · id <code>${escapeHtml(JSON.stringify(doc.id))}</code> · ${doc.changes.length} change(s)${doc.reconstructed ? ' · original rebuilt from the article record' : ''}</p>
${status}${rewriteList}<pre class="text">${marks}</pre>
</section>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:10px 20px;z-index:2}
header h1{font-size:18px;margin:0 0 6px}
#rules{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px;margin:6px 0}
#rules .count{color:#666}
main{padding:10px 20px;max-width:1100px}
.doc{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:10px 16px;margin:14px 0}
.doc h2{font-size:16px;margin:4px 0}
.meta{color:#666;font-size:12px;margin:0 0 6px}
.rejected{color:#a00}
pre.text{white-space:pre-wrap;word-wrap:break-word;font:14px/1.55 ui-monospace,monospace;margin:0}
del.mark{background:hsl(var(--hue) 90% 90%);color:hsl(var(--hue) 60% 30%);text-decoration:line-through;cursor:pointer}
ins.mark{background:hsl(130 70% 85%);text-decoration:underline;cursor:pointer}
.mark.dim{background:none;color:inherit;text-decoration:none;cursor:default}
.mark.selected{outline:2px solid #333}
.doc.hidden{display:none}
#detail{position:fixed;right:16px;bottom:16px;max-width:460px;max-height:50vh;overflow:auto;background:#fff;border:1px solid #999;border-radius:6px;padding:8px 12px;font-size:13px;box-shadow:0 2px 10px rgba(0,0,0,.15)}
#detail[hidden]{display:none}
#detail pre{white-space:pre-wrap;margin:4px 0 0}
`;

const SCRIPT = `
(() => {
  const detail = document.getElementById('detail');
  const filter = document.getElementById('rule-filter');
  let selected = null;
  document.addEventListener('click', (event) => {
    const mark = event.target.closest('[data-change]');
    if (!mark || mark.classList.contains('dim')) return;
    if (selected) selected.classList.remove('selected');
    selected = mark;
    mark.classList.add('selected');
    const change = JSON.parse(mark.dataset.change);
    detail.querySelector('h3').textContent = change.rule;
    detail.querySelector('pre').textContent = JSON.stringify(change, null, 2);
    detail.hidden = false;
  });
  detail.querySelector('button').addEventListener('click', () => { detail.hidden = true; });
  filter.addEventListener('change', () => {
    const rule = filter.value;
    let shown = 0;
    for (const doc of document.querySelectorAll('.doc')) {
      const has = !rule || doc.dataset.rules.split(' ').includes(rule);
      doc.classList.toggle('hidden', !has);
      if (has) shown++;
    }
    for (const mark of document.querySelectorAll('.mark')) mark.classList.toggle('dim', !!rule && mark.dataset.rule !== rule);
    document.getElementById('shown').textContent = String(shown);
  });
})();
`;

export function renderHtml(docs: readonly ExplainDoc[], options: { title?: string } = {}): string {
  const counts = ruleCounts(docs);
  const title = options.title ?? 'cleanwire explain';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<header>
<h1>${escapeHtml(title)}: <span id="shown">${docs.length}</span> of ${docs.length} document(s)</h1>
<label>Filter by rule <select id="rule-filter"><option value="">all rules</option>${counts
    .map(([rule, n]) => `<option value="${escapeHtml(rule)}">${escapeHtml(rule)} (${n})</option>`)
    .join('')}</select></label>
<div id="rules">${counts.map(([rule, n]) => `<span class="rule" data-rule="${escapeHtml(rule)}">${escapeHtml(rule)} <span class="count">×${n}</span></span>`).join('')}</div>
</header>
<main>${docs.map(renderDoc).join('\n')}</main>
<aside id="detail" hidden><button type="button" aria-label="close">×</button><h3></h3><pre></pre></aside>
<script>${SCRIPT}</script>
</body></html>
`;
}
