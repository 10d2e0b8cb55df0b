#!/usr/bin/env python3
"""One-off: moves the back office's inline Dutch/English pairs into the Fluent catalogue.

Finds `f.t("nl", "en")` in templates/beheer/*.html and `x.t("nl", "en")`,
`lang.pick("nl", "en")` and `Msg { nl: "…", en: "…" }` in src/backoffice/*.rs (both arguments
string literals), gives each pair a readable key (`<page>-<the English words>`; a pair used on
several pages is `desk-…`), writes locales/{nl,en}/backoffice.ftl and rewrites the call sites
to `f.t("key")`, `tr(lang, "key")` and `Msg { key: "key" }`.

Run from the workspace root. Also writes /tmp/i18n-expected.json (every key's text).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from i18n_lib import parse_rust_str, ftl_entry  # noqa: E402

WEB = 'crates/klacht-web'
FILES = sorted(
    [f'templates/beheer/{n}' for n in os.listdir(f'{WEB}/templates/beheer') if n.endswith('.html')]
) + sorted([f'src/backoffice/{n}' for n in os.listdir(f'{WEB}/src/backoffice') if n.endswith('.rs')])


def page(path):
    name = os.path.basename(path).rsplit('.', 1)[0].lstrip('_')
    return {'base': 'desk', 'mod': 'desk'}.get(name, name).replace('_', '-')


def skip_ws(s, i):
    while i < len(s) and s[i] in ' \t\r\n':
        i += 1
    return i


def pair_at(s, i):
    """Two string literals as arguments starting at s[i] (after the '('): (nl, en, end after ')')."""
    i = skip_ws(s, i)
    if i >= len(s) or s[i] not in '"r':
        return None
    try:
        nl, i = parse_rust_str(s, i)
    except Exception:
        return None
    i = skip_ws(s, i)
    if s[i] != ',':
        return None
    i = skip_ws(s, i + 1)
    if i >= len(s) or s[i] not in '"r':
        return None
    en, i = parse_rust_str(s, i)
    i = skip_ws(s, i)
    if s[i] == ',':
        i = skip_ws(s, i + 1)
    if s[i] != ')':
        return None
    return nl, en, i + 1


CALL = re.compile(r'\.(t|pick)\(')
MSG = re.compile(r'Msg\s*\{\s*nl:\s*')
CLOSURE = re.compile(r'let (\w+) = \|nl: &str, en: &str\| ([\w.]+)\.pick\(nl, en\)\.to_owned\(\);')


def find(path, s):
    """[(start, end, kind, receiver, nl, en)] of the pairs in s."""
    found = []
    for m in CALL.finditer(s):
        p = pair_at(s, m.end())
        if not p:
            continue
        nl, en, end = p
        start = m.start()
        recv = ''
        if m.group(1) == 'pick' or (m.group(1) == 't' and path.endswith('.rs')):
            k = start
            while True:
                j = k
                while j > 0 and s[j - 1] in ' \n':
                    j -= 1
                if j == k and k < start:
                    break
                if k < start and s[k] != '.':
                    break
                k2 = j
                while k2 > 0 and (s[k2 - 1].isalnum() or s[k2 - 1] in '_.'):
                    k2 -= 1
                if k2 == j:
                    break
                k = k2
            recv = re.sub(r'\s+', '', s[k:start])
            if m.group(1) == 't':
                if recv != 'doc':
                    found.append((m.start(), end, 't', '', nl, en))
                    continue
                else:
                    recv = 'doc.lang'
                    found.append((k, end, 'pick', recv, nl, en))
                    continue
            if not recv or recv.endswith('.'):
                continue
            start = k
        found.append((start, end, m.group(1), recv, nl, en))
    for m in CLOSURE.finditer(s):
        name = m.group(1)
        found.append((m.start(), m.end(), 'closure', m.group(2), name, ''))
        for c in re.finditer(r'(?<![\w.])' + name + r'\(', s[m.end():]):
            at = m.end() + c.end()
            p = pair_at(s, at)
            if p:
                found.append((m.end() + c.start(), p[2], 'call', name, p[0], p[1]))
    for m in MSG.finditer(s):
        i = m.end()
        nl, i = parse_rust_str(s, i)
        mm = re.compile(r'\s*,\s*en:\s*').match(s, i)
        if not mm:
            continue
        en, i = parse_rust_str(s, mm.end())
        mm = re.compile(r',?\s*\}').match(s, i)
        if not mm:
            continue
        found.append((m.start(), mm.end(), 'msg', '', nl, en))
    # A call found twice (after two closures of the same name) is one call.
    kept = []
    for h in sorted(set(found)):
        if kept and h[0] < kept[-1][1]:
            assert h[0] == kept[-1][0], (path, h, kept[-1])
            continue
        kept.append(h)
    return kept


def slug(text):
    words = re.findall(r'[a-z0-9]+', text.lower().replace("'", ''))
    out = []
    for w in words:
        if len('-'.join(out + [w])) > 40:
            break
        out.append(w)
    return '-'.join(out) or 'text'


def main():
    sources = {p: open(f'{WEB}/{p}').read() for p in FILES}
    hits = {p: find(p, s) for p, s in sources.items()}
    pages_of = {}
    order = []
    for p, hs in hits.items():
        for h in hs:
            if h[2] == 'closure':
                continue
            pair = (h[4], h[5])
            if pair not in pages_of:
                pages_of[pair] = []
                order.append(pair)
            if page(p) not in pages_of[pair]:
                pages_of[pair].append(page(p))
    keys = {}
    taken = set()
    for pair in order:
        prefix = pages_of[pair][0] if len(pages_of[pair]) == 1 else 'desk'
        base = f'{prefix}-{slug(pair[1] or pair[0])}'
        key = base
        n = 2
        while key in taken:
            key = f'{base}-{n}'
            n += 1
        taken.add(key)
        keys[pair] = key
    # The catalogue, grouped by the page that first uses each text.
    expected = {}
    for li, lang in enumerate(('nl', 'en')):
        lines = ['# The back office (templates/beheer, src/backoffice), by page.']
        for group in dict.fromkeys(('desk',) + tuple(pg for pair in order for pg in pages_of[pair][:1])):
            members = [pair for pair in order
                       if (pages_of[pair][0] if len(pages_of[pair]) == 1 else 'desk') == group]
            if not members:
                continue
            lines += ['', f'## {group}', '']
            for pair in members:
                lines.append(ftl_entry(keys[pair], pair[li]))
                expected[f'{lang}:{keys[pair]}'] = [pair[li], []]
        with open(f'{WEB}/locales/{lang}/backoffice.ftl', 'w') as out:
            out.write('\n'.join(lines) + '\n')
    # The call sites.
    for p, hs in hits.items():
        s = sources[p]
        for start, end, kind, recv, nl, en in reversed(hs):
            if kind == 'closure':
                s = s[:start] + f'let {nl} = |key: &\'static str| tr({recv}, key).to_owned();' + s[end:]
                continue
            key = keys[(nl, en)]
            if kind == 'call':
                new = f'{recv}("{key}")'
            elif kind == 't':
                new = f'.t("{key}")'
            elif kind == 'pick':
                new = f'tr({recv}, "{key}")'
            else:
                new = f'Msg {{ key: "{key}" }}'
            s = s[:start] + new + s[end:]
        if p.endswith('.rs') and any(h[2] in ('pick', 'closure') for h in hs) and 'i18n::tr;' not in s:
            first = s.index('\nuse ') + 1
            s = s[:first] + 'use crate::http::i18n::tr;\n' + s[first:]
        if s != sources[p]:
            open(f'{WEB}/{p}', 'w').write(s)
        print(p, len(hs))
    print(len(order), 'texts')
    mod = f'{WEB}/src/backoffice/mod.rs'
    s = open(mod).read()
    for old, new in (
        ('''    /// The text in the page's language.
    pub fn t<'a>(&self, nl: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(nl, en)
    }''', '''    /// The catalogue's text `key` in the page's language.
    pub fn t(&self, key: &'static str) -> &'static str {
        tr(self.lang, key)
    }'''),
        ('''/// A text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    pub nl: &'static str,
    pub en: &'static str,
}''', '''/// A text of the catalogue, to be said in the page's language.
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    pub key: &'static str,
}'''),
        ('let text = f.t(msg.nl, msg.en).to_owned();', 'let text = f.t(msg.key).to_owned();'),
    ):
        assert old in s, old
        s = s.replace(old, new)
    if 'i18n::tr;' not in s:
        first = s.index('\nuse ') + 1
        s = s[:first] + 'use crate::http::i18n::tr;\n' + s[first:]
    open(mod, 'w').write(s)
    with open('/tmp/i18n-expected.json', 'w') as out:
        json.dump(expected, out, ensure_ascii=False, indent=0)


main()
