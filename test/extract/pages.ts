/** Small hand-written pages, one per heuristic of the extractor, shared by its tests. */

const P1 =
  'The city council voted on Tuesday to extend the night bus network to the northern districts, a plan that has been debated for more than three years.';
const P2 =
  'Supporters said the new routes would help shift workers, while critics pointed to the cost, estimated at four million a year, and asked where the money would come from.';
const P3 = 'The first buses are expected to run in the spring, once drivers have been hired and trained.';
export const ARTICLE_LINES = [P1, P2, P3];

/** An ASP.NET page: the whole body sits in one <form>, with a search box and a menu in it. */
export const FORM_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Night buses for the north | City Times</title></head>
<body><form method="post" action="./story.aspx" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" value="abc">
<div id="top"><a href="/">City Times</a> <input type="text" name="q"><input type="submit" value="Search"></div>
<ul id="menu"><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul>
<div id="story"><h1>Night buses for the north</h1>
<p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
</form></body></html>`;

const DE1 =
  'Der Stadtrat hat am Dienstag beschlossen, das Nachtbusnetz auf die nördlichen Bezirke auszuweiten, nachdem die Pläne mehr als drei Jahre lang diskutiert worden waren.';
const DE2 =
  'Befürworter sagen, die neuen Linien würden vor allem Schichtarbeitern helfen; Kritiker verweisen auf die Kosten von rund vier Millionen Euro im Jahr.';
export const GERMAN_LINES = ['Nachtbusse für den Norden', DE1, DE2];

/** A German article with a related-posts list and a comment thread below it, both labelled by class. */
export const GERMAN_PAGE = `<!DOCTYPE html><html lang="de-DE"><head><title>Nachtbusse für den Norden – Stadtanzeiger</title>
<meta property="og:site_name" content="Stadtanzeiger"><meta name="author" content="Anna Schmidt">
<meta property="article:published_time" content="2025-03-04T08:00:00+01:00"></head><body>
<div class="site-header"><a href="/">Stadtanzeiger</a></div>
<div class="entry-content"><h1>Nachtbusse für den Norden</h1><p>${DE1}</p><p>${DE2}</p></div>
<div class="related-posts"><h3>Ähnliche Beiträge</h3><p>Neue Radwege in der Innenstadt sollen bis zum Herbst fertig sein, teilte die Verwaltung mit.</p></div>
<div id="comments"><h3>2 Kommentare</h3><div class="comment"><p>Endlich! Darauf warten wir im Norden schon seit Jahren, danke an alle, die sich dafür eingesetzt haben.</p></div>
<div class="comment"><p>Und wer soll das bezahlen? Die Tickets werden doch jetzt schon jedes Jahr teurer.</p></div></div>
</body></html>`;

const JA1 =
  '市議会は火曜日、北部地区への深夜バス路線の延長を決定した。この計画は三年以上にわたって議論されてきたもので、交代制で働く人々の通勤を支えることが期待されている。';
const JA2 =
  '一方で、年間約四億円とされる費用について、財源をどのように確保するのかという疑問の声も上がっている。最初のバスは運転手の採用と研修が終わる春に運行を始める予定だ。';
export const JAPANESE_LINES = ['北部に深夜バス', JA1, JA2];

/** A Japanese article with a navigation bar, a ranking sidebar of links and a page footer. */
export const JAPANESE_PAGE = `<!DOCTYPE html><html lang="ja"><head><title>北部に深夜バス | 市民新聞</title></head><body>
<nav><ul><li><a href="/">トップ</a></li><li><a href="/news">ニュース</a></li><li><a href="/sports">スポーツ</a></li></ul></nav>
<div class="layout"><article><h1>北部に深夜バス</h1><p>${JA1}</p><p>${JA2}</p></article>
<div class="sidebar"><h2>アクセスランキング</h2><ol><li><a href="/a">駅前再開発の計画が明らかに</a></li><li><a href="/b">市長が来年度予算案を発表</a></li><li><a href="/c">新しい図書館が開館</a></li></ol></div></div>
<footer><p>Copyright 市民新聞 All rights reserved.</p></footer></body></html>`;

const POSTS = [
  'Has anyone else had the 2.3 update break their backup schedule? Since installing it mine runs once and then never again.',
  'Same here. Rolling back to 2.2 fixed it for me, so it looks like a bug in the new scheduler rather than a settings problem.',
  'It is a known issue, the developers confirmed it on the tracker this morning and said a fix will ship in 2.3.1 next week.',
];
export const FORUM_LINES = ['Backups stopped after the 2.3 update', ...POSTS];

/**
 * A forum thread whose posts are marked `comment`, like the comments below an article: here they
 * are the page's body, so the class word must not take them.
 */
export const FORUM_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Backups stopped after the 2.3 update - Help - Example Forum</title></head><body>
<header><a href="/">Example Forum</a><a href="/login">Log in</a></header>
<h1>Backups stopped after the 2.3 update</h1>
<div class="comment-list">
${POSTS.map((p, i) => `<div class="comment" id="post-${i + 1}"><p>${p}</p></div>`).join('\n')}
</div>
<footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer></body></html>`;

/** A script-rendered page: nothing visible, the body only in its JSON-LD. */
export const JSON_LD_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Night buses for the north</title>
<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: 'Night buses for the north',
  author: { '@type': 'Person', name: 'Jane Doe' },
  datePublished: '2025-03-04',
  publisher: { '@type': 'Organization', name: 'City Times' },
  articleBody: `${P1}\n\n${P2}\n\n${P3}`,
})}</script></head><body><div id="root"></div><script src="/app.js"></script></body></html>`;

/** An article with a list of links inside its body and a share bar. */
export const LINK_LIST_PAGE = `<!DOCTYPE html><html><head><title>Night buses for the north</title></head><body>
<div class="post"><h1>Night buses for the north</h1><p>${P1}</p>
<ul><li><a href="/1">Bus fares to rise in May</a></li><li><a href="/2">Tram line closed for repairs</a></li><li><a href="/3">New cycle lanes open</a></li></ul>
<p>${P2}</p><p>${P3}</p></div></body></html>`;

/** A listing page: link cards are the content. */
export const LISTING_PAGE = `<!DOCTYPE html><html><head><title>Latest news</title></head><body>
<h1>Latest news</h1><div class="cards">
${[
  'Night buses for the north',
  'Bus fares to rise in May',
  'Tram line closed for repairs',
  'New cycle lanes open in the centre',
  'Council budget approved after long debate',
  'Library opens on Sundays from next month',
]
  .map((t, i) => `<div class="card"><a href="/story/${i}">${t}</a></div>`)
  .join('\n')}
</div></body></html>`;

const REPLIES = [
  'I took the night bus from the northern terminal every week for two years while working late shifts at the hospital, and the gap after midnight meant a forty minute walk home in all weathers, so this decision really changes things for people like me.',
  'The cost figure quoted here leaves out the savings from fewer taxi vouchers that the council already pays for night staff, which the transport committee estimated last year at close to a million, so the real bill is smaller than the critics claim.',
  'Good news, but the article does not say whether the new routes will stop at the industrial estate, where most of the night shifts actually are; without that stop the buses will run half empty and the whole plan will be judged a failure.',
];
/** Six replies (each text twice), so that the thread holds over three times the post's text. */
const THREAD = [...REPLIES, ...REPLIES];
const replyItems = (tag: string, cls: string): string =>
  THREAD.map(
    (r, i) => `<li class="${cls}" id="li-${cls}-${i}"><${tag} id="${cls}-${i}"><p>${r}</p></${tag}></li>`,
  ).join('');

/**
 * A blog post (declared `og:type=article`) with a long comment thread below it, each comment an
 * `<article>` inside `li.comment`: the thread holds more text than the post.
 */
export const BLOG_THREAD_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Night buses for the north</title>
<meta property="og:type" content="article"></head><body><main>
<article class="post"><h1>Night buses for the north</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></article>
<div id="comments"><ol class="thread">${replyItems('article', 'comment')}</ol></div>
</main></body></html>`;
export const THREAD_REPLIES = THREAD;

/** The same markup, declared a forum thread (JSON-LD DiscussionForumPosting): the replies are content. */
export const DECLARED_FORUM_THREAD_PAGE = BLOG_THREAD_PAGE.replace(
  '<meta property="og:type" content="article">',
  '<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Night buses for the north"}</script>',
);

/**
 * A forum thread that declares itself an article (as some forum software does) with its replies
 * in a block labelled `comments` as a whole, each reply labelled otherwise: the replies stay.
 */
export const ARTICLE_DECLARED_FORUM_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Night buses for the north</title>
<meta property="og:type" content="article"></head><body><main>
<article class="thread"><h1>Night buses for the north</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></article>
<section id="comments"><ul class="board">${replyItems('div', 'reply')}</ul></section>
</main></body></html>`;

const WIDGET_STATE = JSON.stringify({
  layout: { mobile: 2, desktop: 4 },
  button: { text: 'Buy now', align: 'center' },
  products: [
    { id: 'A-1001', price: 15.49, currency: 'EUR' },
    { id: 'A-1002', price: 21.9, currency: 'EUR' },
    { id: 'A-1003', price: 8.75, currency: 'EUR' },
  ],
});
export const SAMPLE_JSON =
  '{"name":"Night bus 12","stops":["North Terminal","Hospital","Industrial Estate","Central Station"],"first":"00:15","last":"05:10","every":"20 min"}';

/**
 * An article with a shop widget's state as a JSON text in a div its CSS hides (by a class the
 * extractor cannot read), and a JSON sample for readers in <pre><code>.
 */
export const SCRIPT_DATA_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Night buses for the north</title></head><body>
<article><h1>Night buses for the north</h1><p>${P1}</p><p>${P2}</p>
<div class="product-widget"><div class="widget-state is-hidden">${WIDGET_STATE.replace(/"/g, '&quot;')}</div></div>
<p>${P3}</p><pre><code>${SAMPLE_JSON}</code></pre></article></body></html>`;
export const SCRIPT_DATA_STATE = WIDGET_STATE;
