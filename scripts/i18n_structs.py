#!/usr/bin/env python3
"""One-off: moves the public site's text structs (`Ui`, the form's `Texts`, the status page's
`StatusTexts`, the calendar feed's `Words`) from Dutch and English consts into Fluent files
under crates/klacht-web/locales/{nl,en}/, and has each struct read from the catalogue.

Run from the workspace root. Writes the .ftl files and rewrites the .rs files in place, and
writes /tmp/i18n-expected.json: every (language, key) with the text it must render to.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from i18n_lib import parse_rust_str, ftl_entry, placeholders_in  # noqa: E402

WEB = 'crates/klacht-web'
SPECS = [
    # (file, struct, const prefix, key prefix, ftl file, import line)
    ('src/http/i18n.rs', 'Ui', 'pub const', 'site', 'site.ftl', None),
    ('src/site/submit.rs', 'Texts', 'const', 'submit', 'submit.ftl',
     'use crate::http::i18n::{Tmpl, tmpl, tr};\nuse std::sync::LazyLock;\n'),
    ('src/site/status.rs', 'StatusTexts', 'pub const', 'status', 'status.ftl',
     'use crate::http::i18n::{Tmpl, tmpl, tr};\nuse std::sync::LazyLock;\n'),
]


def parse_const(src, head):
    """Fields of `head ... {` up to `};` as [(name, value)] in order, with blank-line breaks
    recorded as None entries; and the span of the const."""
    start = src.index(head)
    i = src.index('{', start) + 1
    fields = []
    while True:
        m = re.compile(r'\s*').match(src, i)
        ws = m.group(0)
        i = m.end()
        if ws.count('\n') > 1 and fields:
            fields.append(None)
        if src.startswith('};', i):
            return fields, start, i + 2
        if src.startswith('//', i):
            i = src.index('\n', i)
            continue
        m = re.compile(r'(\w+):\s*').match(src, i)
        assert m, src[i:i + 80]
        name = m.group(1)
        value, i = parse_rust_str(src, m.end())
        m = re.compile(r'\s*,').match(src, i)
        assert m, src[i:i + 80]
        i = m.end()
        fields.append((name, value))


def main():
    expected = {}
    os.makedirs(f'{WEB}/locales/nl', exist_ok=True)
    os.makedirs(f'{WEB}/locales/en', exist_ok=True)
    for path, struct, const, prefix, ftl, imports in SPECS:
        full = f'{WEB}/{path}'
        src = open(full).read()
        nl, nl_start, nl_end = parse_const(src, f'{const} NL: {struct} = {struct} {{')
        en, en_start, en_end = parse_const(src, f'{const} EN: {struct} = {struct} {{')
        nl_map = dict(f for f in nl if f)
        en_map = dict(f for f in en if f)
        assert nl_map.keys() == en_map.keys(), (path, nl_map.keys() ^ en_map.keys())
        templated = {n for n in nl_map if placeholders_in(nl_map[n], en_map[n])}
        for lang, fields, other in (('nl', nl, en_map), ('en', en, nl_map)):
            lines = [f'# {struct} ({path})', '']
            for f in fields:
                if f is None:
                    lines.append('')
                    continue
                name, value = f
                key = f'{prefix}-{name.replace("_", "-")}'
                ph = placeholders_in(value, other[name]) if name in templated else set()
                lines.append(ftl_entry(key, value, ph))
                expected[f'{lang}:{key}'] = [value, sorted(ph)]
            with open(f'{WEB}/locales/{lang}/{ftl}', 'w') as out:
                out.write('\n'.join(lines).rstrip('\n') + '\n')
        # The loader that replaces both consts.
        body = [f'/// The texts in `lang`, from the catalogue (`locales/*/{ftl}`).',
                f'fn load(lang: Lang) -> {struct} {{', f'    {struct} {{']
        for f in nl:
            if f is None:
                continue
            name = f[0]
            key = f'{prefix}-{name.replace("_", "-")}'
            fn = 'tmpl' if name in templated else 'tr'
            body.append(f'        {name}: {fn}(lang, "{key}"),')
        body += ['    }', '}', '',
                 f'{"pub " if const.startswith("pub") else ""}static NL: LazyLock<{struct}> = LazyLock::new(|| load(Lang::Nl));',
                 f'{"pub " if const.startswith("pub") else ""}static EN: LazyLock<{struct}> = LazyLock::new(|| load(Lang::En));']
        # Replace NL..EN consts (NL comes first in every file).
        assert nl_start < en_start
        # keep doc comment lines before NL const
        src = src[:nl_start] + '\n'.join(body) + src[en_end:]
        # Field types: a templated field is a Tmpl.
        for name in templated:
            src, n = re.subn(rf'(\b{name}: )&\'static str,', r'\1Tmpl,', src, count=1)
            assert n == 1, (path, name)
        if imports:
            first_use = src.index('\nuse ') + 1
            src = src[:first_use] + imports + src[first_use:]
        open(full, 'w').write(src)
        print(path, len(nl_map), 'texts,', len(templated), 'with values')
    with open('/tmp/i18n-expected.json', 'w') as out:
        json.dump(expected, out, ensure_ascii=False, indent=0)


main()
