#!/usr/bin/env python3
"""One-off, after i18n_pairs.py: the back office's remaining Dutch/English pairs.

- page titles: `desk.frame(path, "nl", "en")` and `Frame::bare(lang, "nl", "en")` become
  `frame(path, "key")` / `bare(lang, "key")`;
- labels chosen by a match: `let (nl, en) = match x { A => ("nl", "en"), … }; lang.pick(nl, en)`
  becomes `let key = match x { A => "key", … }; tr(lang, key)`.

New keys are appended to locales/{nl,en}/backoffice.ftl; a pair already there keeps its key.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from i18n_lib import parse_rust_str, ftl_entry  # noqa: E402
import importlib.util

spec = importlib.util.spec_from_file_location('pairs', os.path.join(os.path.dirname(__file__), 'i18n_pairs.py'))
WEB = 'crates/klacht-web'


def load_pairs_module():
    # i18n_pairs.py runs main() on import; take only its helpers.
    src = open(os.path.join(os.path.dirname(__file__), 'i18n_pairs.py')).read()
    src = src.replace('\nmain()\n', '\n')
    ns = {'__file__': os.path.join(os.path.dirname(__file__), 'i18n_pairs.py')}
    exec(compile(src, 'i18n_pairs.py', 'exec'), ns)
    return ns


P = load_pairs_module()
pair_at, slug, page, skip_ws = P['pair_at'], P['slug'], P['page'], P['skip_ws']


def catalogue():
    """(nl, en) -> key of backoffice.ftl as it stands, from the values the keys render to."""
    texts = {}
    for lang in ('nl', 'en'):
        for line in open(f'{WEB}/locales/{lang}/backoffice.ftl'):
            m = re.match(r'([a-z0-9-]+) = (.*)$', line.rstrip('\n'))
            if m:
                v = m.group(2).replace('{" "}', ' ').replace('{""}', '')
                texts.setdefault(m.group(1), {})[lang] = v
    return {(t.get('nl'), t.get('en')): k for k, t in texts.items()}, set(texts)


def first_arg_end(s, i):
    """Index of the top-level ',' ending the argument starting at s[i]."""
    depth = 0
    while True:
        c = s[i]
        if c == '"':
            _, i = parse_rust_str(s, i)
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                return None
            depth -= 1
        elif c == ',' and depth == 0:
            return i
        i += 1


def main():
    known, taken = catalogue()
    new_entries = []

    def key_for(nl, en, pg):
        if (nl, en) in known:
            return known[(nl, en)]
        base = f'{pg}-{slug(en or nl)}'
        key, n = base, 2
        while key in taken:
            key, n = f'{base}-{n}', n + 1
        taken.add(key)
        known[(nl, en)] = key
        new_entries.append((key, nl, en, pg))
        return key

    for name in sorted(os.listdir(f'{WEB}/src/backoffice')):
        path = f'{WEB}/src/backoffice/{name}'
        s = open(path).read()
        pg = page(path)
        edits = []
        for m in re.finditer(r'\.frame\(|Frame::bare\(', s):
            i = skip_ws(s, m.end())
            e = first_arg_end(s, i)
            if e is None:
                continue
            p = pair_at(s, e + 1)
            if not p:
                continue
            nl, en, end = p
            edits.append((e + 1, end - 1, ' "' + key_for(nl, en, pg) + '"'))
        for m in re.finditer(r'let \(nl, en\) = match ', s):
            end_block = s.index('\n    };', m.end())
            body = s[m.end():end_block]
            out, pos = [], 0
            for t in re.finditer(r'\(', body):
                if t.start() < pos:
                    continue
                p = pair_at(body, t.end())
                if p:
                    nl, en, end = p
                    out.append(body[pos:t.start()])
                    out.append('""' if (nl, en) == ('', '') else '"' + key_for(nl, en, pg) + '"')
                    pos = end
            out.append(body[pos:])
            edits.append((m.start(), end_block, 'let key = match ' + ''.join(out)))
            after = s.index('lang.pick(nl, en)', end_block)
            edits.append((after, after + len('lang.pick(nl, en)'), 'tr(lang, key)'))
        for start, end, new in sorted(edits, reverse=True):
            s = s[:start] + new + s[end:]
        if edits:
            if 'i18n::tr;' not in s and 'tr(lang, key)' in s:
                first = s.index('\nuse ') + 1
                s = s[:first] + 'use crate::http::i18n::tr;\n' + s[first:]
            open(path, 'w').write(s)
            print(name, len(edits))
    expected = {}
    for li, lang in enumerate(('nl', 'en')):
        with open(f'{WEB}/locales/{lang}/backoffice.ftl', 'a') as out:
            group = None
            for key, nl, en, pg in sorted(new_entries, key=lambda e: e[3]):
                if pg != group:
                    out.write(f'\n## {pg}: page titles and labels\n\n')
                    group = pg
                out.write(ftl_entry(key, (nl, en)[li]) + '\n')
                expected[f'{lang}:{key}'] = [(nl, en)[li], []]
    with open('/tmp/i18n-expected.json', 'w') as out:
        json.dump(expected, out, ensure_ascii=False, indent=0)
    print(len(new_entries), 'new texts')




def closures():
    """Closures taking `nl: &str, en: &str` last (`let wrong = |status, nl: &str, en: &str| …
    lang.pick(nl, en) …`): they take a key, and their calls name it."""
    known, taken = catalogue()
    new_entries = []
    for name in sorted(os.listdir(f'{WEB}/src/backoffice')):
        path = f'{WEB}/src/backoffice/{name}'
        s = open(path).read()
        pg = page(path)
        for m in list(re.finditer(r'let (\w+) = \|([^|]*?)nl: &str, en: &str\| \{', s)):
            cname = m.group(1)
            body_end = s.index('\n    };', m.end())
            assert s.count('lang.pick(nl, en)', m.end(), body_end) == 1
            edits = [(m.start(), m.end(), f'let {cname} = |{m.group(2)}key: &\'static str| {{'),
                     (s.index('lang.pick(nl, en)', m.end()),
                      s.index('lang.pick(nl, en)', m.end()) + len('lang.pick(nl, en)'),
                      'tr(lang, key)')]
            for c in re.finditer(r'(?<![\w.])' + cname + r'\(', s[body_end:]):
                i = body_end + c.end()
                args = []
                while True:
                    i = skip_ws(s, i)
                    if s[i] == ')':
                        break
                    e = P['first_arg_end'](s, i) if 'first_arg_end' in P else first_arg_end(s, i)
                    if e is None:
                        # last argument without a trailing comma
                        j = i
                        depth = 0
                        while not (s[j] == ')' and depth == 0):
                            if s[j] == '"':
                                _, j = parse_rust_str(s, j)
                                continue
                            depth += s[j] in '([{'
                            depth -= s[j] in ')]}'
                            j += 1
                        args.append((i, j))
                        i = j
                        break
                    args.append((i, e))
                    i = e + 1
                (a0, a1), (b0, b1) = args[-2], args[-1]
                nl, _ = parse_rust_str(s, a0)
                en, _ = parse_rust_str(s, b0)
                if (nl, en) in known:
                    key = known[(nl, en)]
                else:
                    base = f'{pg}-{slug(en)}'
                    key, n = base, 2
                    while key in taken:
                        key, n = f'{base}-{n}', n + 1
                    taken.add(key)
                    known[(nl, en)] = key
                    new_entries.append((key, nl, en))
                edits.append((a0, b1, f'"{key}"'))
            for start, end, new in sorted(edits, reverse=True):
                s = s[:start] + new + s[end:]
            open(path, 'w').write(s)
            print(name, cname, len(edits) - 2, 'calls')
            break
    for li, lang in enumerate(('nl', 'en')):
        with open(f'{WEB}/locales/{lang}/backoffice.ftl', 'a') as out:
            out.write('\n## messages of failed steps\n\n')
            for key, nl, en in new_entries:
                out.write(ftl_entry(key, (nl, en)[li]) + '\n')
    json.dump({f'{lang}:{k}': [(nl, en)[li], []] for k, nl, en in new_entries
               for li, lang in enumerate(('nl', 'en'))},
              open('/tmp/i18n-expected.json', 'w'), ensure_ascii=False)


if sys.argv[1:] == ["closures"]:
    closures()
else:
    main()
