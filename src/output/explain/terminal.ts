/**
 * The explain view for a terminal: the original text with what went struck out in red and the
 * rule beside it, what was put in in green; without colour, wdiff-style `[-removed-]` and
 * `{+inserted+}` marks.
 */
import { type ExplainDoc, piecesOf, REWRITING_STAGES, ruleCounts, ruleOf } from './segments.js';

const ESC = '\x1b[';
const paint = (codes: string, text: string) => `${ESC}${codes}m${text}${ESC}0m`;

export function renderTerminal(doc: ExplainDoc, options: { color: boolean }): string {
  const { color } = options;
  const removed = (text: string) => (color ? paint('9;31', text) : `[-${text}-]`);
  const inserted = (text: string) => (color ? paint('32', text) : `{+${text}+}`);
  const note = (text: string) => (color ? paint('2;36', ` ⟨${text}⟩`) : ` ⟨${text}⟩`);
  const head = (text: string) => (color ? paint('1', text) : text);
  const lines: string[] = [head(`== ${doc.source}  (id ${JSON.stringify(doc.id)})`)];
  if (doc.rejected) lines.push(`rejected: ${doc.rejected.reason}: ${doc.rejected.message}`);
  if (doc.reconstructed) lines.push('(original rebuilt from the article record)');
  const rewrites = doc.changes.filter((c) => REWRITING_STAGES.has(c.stage));
  for (const change of rewrites)
    lines.push(
      `${ruleOf(change)}${change.removed ? `: ${JSON.stringify(change.removed.slice(0, 80))}` : ''}${change.evidence ? ` ${JSON.stringify(change.evidence)}` : ''}`,
    );
  let body = '';
  const pieces = piecesOf(doc);
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k];
    if (!piece) continue;
    if (piece.kind === 'kept') body += piece.text;
    else if (piece.kind === 'inserted') body += inserted(piece.text);
    else {
      // Visible line breaks inside a removal keep the struck text readable.
      body += piece.text
        .split('\n')
        .map((line) => (line ? removed(line) : ''))
        .join('\n');
      const next = pieces[k + 1];
      if (!(next?.kind === 'removed' && next.change === piece.change)) {
        const change = doc.changes[piece.change];
        if (change) body += note(ruleOf(change));
      }
    }
  }
  lines.push(body);
  const counts = ruleCounts([doc]).map(([rule, n]) => `${rule} ×${n}`);
  if (counts.length) lines.push(head(`changes: ${counts.join(', ')}`));
  return `${lines.join('\n')}\n`;
}
