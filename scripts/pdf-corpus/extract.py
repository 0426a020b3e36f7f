#!/usr/bin/python3
"""Text of every PDF in a folder with pypdf or pdfminer, pages separated by form feeds.

Usage: extract.py pypdf|pdfminer PDF_DIR OUT_DIR
"""
import os
import sys

tool, pdf_dir, out_dir = sys.argv[1:4]
os.makedirs(out_dir, exist_ok=True)
for name in sorted(os.listdir(pdf_dir)):
    if not name.endswith('.pdf'):
        continue
    path = os.path.join(pdf_dir, name)
    try:
        if tool == 'pypdf':
            from pypdf import PdfReader
            text = '\f'.join((page.extract_text() or '') for page in PdfReader(path).pages) + '\f'
        else:
            from pdfminer.high_level import extract_text
            text = extract_text(path)
    except Exception as error:  # a tool that fails on a file gives no text for it
        print(f'{tool}: {name}: {error}', file=sys.stderr)
        continue
    with open(os.path.join(out_dir, name[:-4] + '.txt'), 'w', encoding='utf-8') as g:
        g.write(text)
