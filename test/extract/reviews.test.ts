import { describe, expect, it } from 'vitest';
import { REMOVED_CAP } from '../../src/extract/content.js';
import { parsePage } from '../../src/extract/dom.js';
import { extractPage } from '../../src/extract/extract.js';
import { readPageMetadata } from '../../src/extract/metadata.js';

const NAME = 'Oak bookshelf, three shelves';
const D1 =
  'A solid oak bookshelf with three adjustable shelves, finished with a clear natural oil that keeps the grain of the wood visible.';
const D2 =
  'Each shelf carries up to twenty kilograms, and the frame can stand upright or lie on its side as a low sideboard under a window.';
const D3 =
  'Delivered flat in one box with the fittings and a printed guide; two people can put it together in about forty minutes.';
const SPECS = ['Width: 80 cm', 'Height: 120 cm', 'Depth: 30 cm'];
const R1 = 'Lovely shelf, sturdy and easy to build. My daughter uses it for her books and it looks great.';
const R2 = 'The oil finish arrived scratched on one side but customer service sent a new panel quickly.';
const REVIEWS = `<div class="product-reviews"><h2>Reviews (2)</h2><div><p>${R1}</p><p>Anna, 3 May</p></div><div><p>${R2}</p><p>Tom, 9 May</p></div></div>`;
const PRODUCT_LD =
  '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Oak bookshelf"}</script>';
const BODY = `<main><h1>${NAME}</h1><p>${D1}</p><p>${D2}</p><p>${D3}</p><ul>${SPECS.map((s) => `<li>${s}</li>`).join('')}</ul>${REVIEWS}</main>`;
const page = (head: string, body = BODY): string =>
  `<!doctype html><html lang="en"><head><title>${NAME}</title>${head}</head><body>${body}</body></html>`;
const isProduct = (html: string): boolean => readPageMetadata(parsePage(html)).product === true;
const REVIEW_TEXT = `Reviews (2) ${R1} Anna, 3 May ${R2} Tom, 9 May`;

describe('extract: customer reviews on a product page', () => {
  it('drops the block labelled reviews on a page that declares a schema.org Product', () => {
    const r = extractPage(page(PRODUCT_LD));
    expect(r.lines).toEqual([NAME, D1, D2, D3, ...SPECS]);
    const rec = r.removals.filter((x) => x.rule === 'product-reviews');
    expect(rec).toEqual([
      {
        rule: 'product-reviews',
        tag: 'div',
        text: REVIEW_TEXT.slice(0, REMOVED_CAP),
        length: REVIEW_TEXT.length,
        evidence: { label: 'class=reviews', share: 0.33 },
      },
    ]);
  });

  it('reads the product statement from Open Graph and microdata too', () => {
    for (const html of [
      page('<meta property="og:type" content="product">'),
      page('', `<div itemscope itemtype="https://schema.org/Product">${BODY}</div>`),
    ]) {
      expect(extractPage(html).lines).toEqual([NAME, D1, D2, D3, ...SPECS]);
    }
  });

  it('leaves reviews alone on a page that does not declare a product, or declares an article', () => {
    const withReviews = [NAME, D1, D2, D3, ...SPECS, 'Reviews (2)', R1, 'Anna, 3 May', R2, 'Tom, 9 May'];
    const plain = extractPage(page(''));
    expect(plain.lines).toEqual(withReviews);
    expect(plain.removals.filter((x) => x.rule === 'product-reviews')).toEqual([]);
    const article = extractPage(page(`${PRODUCT_LD}<meta property="og:type" content="article">`));
    expect(article.lines).toEqual(withReviews);
  });

  it('leaves a labelled wrapper that holds the <h1> or most of the page (a feature flag, not a part)', () => {
    const wrapped = page(PRODUCT_LD, `<div class="product reviews-enabled">${BODY.replace(REVIEWS, '')}</div>`);
    expect(extractPage(wrapped).lines).toEqual([NAME, D1, D2, D3, ...SPECS]);
    const most = page(PRODUCT_LD, `<main><h1>${NAME}</h1><p>${D1}</p>${REVIEWS}</main>`);
    expect(extractPage(most).lines).toEqual([NAME, D1, 'Reviews (2)', R1, 'Anna, 3 May', R2, 'Tom, 9 May']);
  });

  it('ignores broken JSON-LD and a Product that is only the item of a review', () => {
    expect(isProduct(page('<script type="application/ld+json">{"@type": "Product"'))).toBe(false);
    const reviewed =
      '<script type="application/ld+json">{"@type":"Review","itemReviewed":{"@type":"Product","name":"x"}}</script>';
    expect(isProduct(page(reviewed))).toBe(false);
    const graph = '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":["Product"]}]}</script>';
    expect(isProduct(page(graph))).toBe(true);
  });

  it('reads the statement once with the other metadata, inside an <h1> and from any og:type', () => {
    expect(isProduct(page(''))).toBe(false);
    expect(readPageMetadata(parsePage(page(''))).product).toBeUndefined();
    const inH1 = BODY.replace(
      `<h1>${NAME}</h1>`,
      `<h1><span itemscope itemtype="http://schema.org/Product">${NAME}</span></h1>`,
    );
    expect(isProduct(page('', inH1))).toBe(true);
    expect(
      isProduct(page('<meta property="og:type" content="website"><meta property="og:type" content="og:product">')),
    ).toBe(true);
    const property = BODY.replace(
      '<main>',
      '<main itemscope itemtype="https://schema.org/Product" itemprop="mainEntity">',
    );
    expect(isProduct(page('', property))).toBe(false);
  });
});
