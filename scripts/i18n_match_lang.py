#!/usr/bin/env python3
"""One-off, after i18n_pairs*.py: `match lang { Lang::Nl => …, Lang::En => … }` with a string
literal (maybe `.into()` / `.to_owned()`) or a `format!` with only named values on both sides
becomes `tr(lang, "key")` or `tr_args(lang, "key", &[("name", …)])` (a Fluent argument).

Back-office texts are appended to backoffice.ftl, the others to site.ftl. Its run also
caught what is not a text (the language cookie, the language switch's codes and the other
language's own name): those edits were undone by hand.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from i18n_lib import parse_rust_str, ftl_entry  # noqa: E402

WEB = 'crates/klacht-web'
ns = {'__file__': os.path.join(os.path.dirname(__file__), 'i18n_pairs_more.py')}
src = open(ns['__file__']).read()
src = src[:src.index('if sys.argv[1:] == ["closures"]')]
exec(compile(src, 'i18n_pairs_more.py', 'exec'), ns)
skip_ws, slug, page = ns['skip_ws'], ns['slug'], ns['page']

ARM = re.compile(r'match ((?:[\w]+\.)?lang) \{\s*Lang::Nl => ')


def expr_at(s, i):
    """(kind, text, suffix, end) of a literal / literal.into() / format!(lit) at s[i]."""
    if s.startswith('format!(', i):
        j = skip_ws(s, i + len('format!('))
        if s[j] != '"':
            return None
        text, j = parse_rust_str(s, j)
        j = skip_ws(s, j)
        if s[j] == ',':
            j = skip_ws(s, j + 1)
        if s[j] != ')':
            return None
        if '{{' in text or re.search(r'\{[^}]*[^\w}][^}]*\}|\{\}', text):
            return None
        return 'format', text, '', j + 1
    if s[i] != '"':
        return None
    text, j = parse_rust_str(s, i)
    for suffix in ('.into()', '.to_owned()', '.to_string()'):
        if s.startswith(suffix, j):
            return 'lit', text, suffix, j + len(suffix)
    return 'lit', text, '', j


def catalogue(ftl):
    texts = {}
    for lang in ('nl', 'en'):
        for line in open(f'{WEB}/locales/{lang}/{ftl}'):
            m = re.match(r'([a-z0-9-]+) = (.*)$', line.rstrip('\n'))
            if m:
                v = m.group(2).replace('{" "}', ' ').replace('{""}', '')
                texts.setdefault(m.group(1), {})[lang] = v
    return {(t.get('nl'), t.get('en')): k for k, t in texts.items()}, set(texts)


def main():
    expected = {}
    new = {'backoffice.ftl': [], 'site.ftl': []}
    cats = {f: catalogue(f) for f in new}
    taken = cats['backoffice.ftl'][1] | cats['site.ftl'][1]
    files = []
    for d in ('src/backoffice', 'src/site', 'src/http'):
        files += [f'{d}/{n}' for n in sorted(os.listdir(f'{WEB}/{d}')) if n.endswith('.rs')]
    for rel in files:
        path = f'{WEB}/{rel}'
        s = open(path).read()
        ftl = 'backoffice.ftl' if rel.startswith('src/backoffice') else 'site.ftl'
        known = cats[ftl][0]
        pg = page(path) if ftl == 'backoffice.ftl' else 'site-' + page(path)
        edits = []
        for m in ARM.finditer(s):
            a = expr_at(s, m.end())
            if not a:
                continue
            j = skip_ws(s, a[3])
            if s[j] != ',':
                continue
            j = skip_ws(s, j + 1)
            if not s.startswith('Lang::En => ', j):
                continue
            b = expr_at(s, j + len('Lang::En => '))
            if not b or b[0] != a[0] or b[2] != a[2]:
                continue
            k = skip_ws(s, b[3])
            if s[k] == ',':
                k = skip_ws(s, k + 1)
            if s[k] != '}':
                continue
            names_a = re.findall(r'\{(\w+)\}', a[1])
            names_b = re.findall(r'\{(\w+)\}', b[1])
            if a[0] == 'format' and set(names_a) != set(names_b):
                continue
            lang = m.group(1)
            nl = re.sub(r'\{(\w+)\}', r'{\1}', a[1])
            pair = (a[1], b[1])
            if pair in known:
                key = known[pair]
            else:
                base = f'{pg}-{slug(b[1])}'
                key, n = base, 2
                while key in taken:
                    key, n = f'{base}-{n}', n + 1
                taken.add(key)
                known[pair] = key
                new[ftl].append((key, a[1], b[1], set(names_a)))
            if a[0] == 'lit':
                repl = f'tr({lang}, "{key}"){a[2]}'
            else:
                args = ', '.join(f'("{n}", &{n}.to_string())' for n in dict.fromkeys(names_a))
                repl = f'tr_args({lang}, "{key}", &[{args}])'
            edits.append((m.start(), k + 1, repl))
        if not edits:
            continue
        for start, end, r in sorted(edits, reverse=True):
            s = s[:start] + r + s[end:]
        need = sorted({f for f in ('tr', 'tr_args') if re.search(rf'\b{f}\(', s)})
        have = re.search(r'use crate::http::i18n::\{?([^;}]*)\}?;', s) or re.search(r'use super::i18n::\{?([^;}]*)\}?;', s)
        missing = [f for f in need if not (have and re.search(rf'\b{f}\b', have.group(1)))]
        if rel == 'src/http/i18n.rs':
            missing = []
        if missing:
            first = s.index('\nuse ') + 1
            s = s[:first] + 'use crate::http::i18n::{' + ', '.join(missing) + '};\n' + s[first:]
        open(path, 'w').write(s)
        print(rel, len(edits))
    for ftl, entries in new.items():
        for li, lang in enumerate(('nl', 'en')):
            with open(f'{WEB}/locales/{lang}/{ftl}', 'a') as out:
                out.write('\n## texts that were chosen by a match on the language\n\n')
                for key, nl, en, names in entries:
                    out.write(ftl_entry(key, (nl, en)[li], names) + '\n')
                    expected[f'{lang}:{key}'] = [(nl, en)[li], sorted(names)]
    json.dump(expected, open('/tmp/i18n-expected.json', 'w'), ensure_ascii=False)
    print(sum(map(len, new.values())), 'new texts')


main()
