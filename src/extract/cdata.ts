/**
 * `<![CDATA[` in HTML content. An HTML5 parser reads it (outside <svg>/<math>) as a bogus comment
 * that ends at the next `>`; htmlparser2 reads a CDATA section that ends only at `]]>`, so a stray
 * one in a page's body (forum templates print one) swallows the rest of the page as a comment and
 * the page shows no text. Each opening becomes an empty comment, so what follows it is markup
 * again. Inside <script> and <style> (raw text: the usual `//<![CDATA[`) the rewrite changes only
 * text the extractor drops. A third of pages hold one (mostly in scripts) and the scan costs 4% of
 * the html stage, so it runs only for a page that shows (almost) nothing.
 */
const OPENING = '<![CDATA[';

export const hasCdata = (html: string): boolean => html.includes(OPENING);

export function openCdata(html: string): string {
  // Most pages have none: one scan, no copy.
  if (!html.includes(OPENING)) return html;
  return html.replaceAll(OPENING, '<!--[CDATA[-->');
}
