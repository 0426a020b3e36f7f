#!/usr/bin/python3
"""Writes LaTeX and groff sources for N dev-corpus articles, and the text that was typeset.

Usage: typeset.py ARTICLES.jsonl OUTDIR N
For each article: OUTDIR/src/ID.txt (the gold: title, then one paragraph a line, as typeset),
OUTDIR/tex/ID.tex (pdflatex, Latin Modern: real fi/fl/ff/ffi/ffl ligatures; one column or
two columns, in turn; a running head with the site name and page numbers), OUTDIR/ms/ID.ms
(groff -ms: Times, its own "- N -" page numbers and a running head).
Characters the fonts cannot set (emoji, CJK...) are left out of both the source and the gold.
"""
import json
import os
import re
import sys
import unicodedata
from urllib.parse import urlparse

articles, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for sub in ('src', 'tex', 'ms'):
    os.makedirs(os.path.join(out, sub), exist_ok=True)

# Typographic characters both T1 LaTeX (utf8 inputenc) and groff -k set without trouble.
EXTRA = set('‘’“”–—…€£°×')


def settable(text):
    text = unicodedata.normalize('NFC', text)
    kept = ''.join(c for c in text if (ord(c) < 0x250 and (c.isprintable() or c == ' ')) or c in EXTRA)
    return re.sub(r'\s+', ' ', kept).strip()


TEX_ESC = {'\\': r'\textbackslash{}', '{': r'\{', '}': r'\}', '$': r'\$', '&': r'\&', '#': r'\#',
           '^': r'\^{}', '_': r'\_', '~': r'\~{}', '%': r'\%', '<': r'\textless{}', '>': r'\textgreater{}',
           '|': r'\textbar{}', '"': "''"}


def tex(text):
    return ''.join(TEX_ESC.get(c, c) for c in text)


def ms(text):
    # A leading dot or quote would be a request; backslashes are escapes.
    text = text.replace('\\', '\\e')
    return re.sub(r'^([.\'])', r'\\&\1', text)


count = 0
with open(articles, encoding='utf-8') as f:
    for line in f:
        if count >= n:
            break
        r = json.loads(line)
        title = settable(r.get('title') or '')
        paras = [p for p in (settable(p) for p in r.get('paragraphs', [])) if p]
        words = sum(len(p.split()) for p in paras)
        if not title or words < 250:
            continue  # a page or more of text, so that page furniture and page breaks occur
        doc_id = re.sub(r'[^A-Za-z0-9_-]', '_', str(r['id']))
        site = urlparse(r.get('url') or '').hostname or 'The Review'
        with open(os.path.join(out, 'src', doc_id + '.txt'), 'w', encoding='utf-8') as g:
            g.write('\n'.join([title] + paras) + '\n')
        two = count % 2 == 1
        geometry = 'a4paper,margin=20mm' if two else 'a5paper,margin=15mm'
        body = '\n\n'.join(tex(p) for p in paras)
        with open(os.path.join(out, 'tex', doc_id + '.tex'), 'w', encoding='utf-8') as g:
            g.write('\\documentclass[%s]{article}\n' % ('10pt,twocolumn' if two else '11pt'))
            g.write('\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n\\usepackage{lmodern}\n')
            g.write('\\usepackage{textcomp}\n\\usepackage[%s]{geometry}\n\\usepackage{fancyhdr}\n' % geometry)
            g.write('\\pagestyle{fancy}\\fancyhf{}\\fancyhead[L]{%s}\\fancyhead[R]{Page \\thepage}\n' % tex(site))
            g.write('\\fancyfoot[C]{\\thepage}\n\\sloppy\n\\begin{document}\n')
            g.write('\\section*{%s}\n%s\n\\end{document}\n' % (tex(title), body))
        with open(os.path.join(out, 'ms', doc_id + '.ms'), 'w', encoding='utf-8') as g:
            g.write('.ds LH %s\n.ds CH\n.ds RH \\(en %%\n.TL\n%s\n' % (ms(site), ms(title)))
            for p in paras:
                g.write('.PP\n%s\n' % ms(p))
        count += 1
print(count)
