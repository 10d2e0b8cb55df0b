"""Shared helpers of the i18n extraction scripts: Rust string literals in, Fluent values out."""
import re


def parse_rust_str(src, i):
    """Parse a Rust string literal starting at src[i] (a '"' or r#"), return (value, end)."""
    if src[i] == 'r':
        m = re.match(r'r(#*)"', src[i:])
        hashes = m.group(1)
        start = i + m.end()
        end = src.index('"' + hashes, start)
        return src[start:end], end + 1 + len(hashes)
    assert src[i] == '"', src[i:i + 40]
    out = []
    j = i + 1
    while True:
        c = src[j]
        if c == '"':
            return ''.join(out), j + 1
        if c == '\\':
            n = src[j + 1]
            if n == 'n':
                out.append('\n'); j += 2
            elif n == 't':
                out.append('\t'); j += 2
            elif n == '"' or n == '\\' or n == "'":
                out.append(n); j += 2
            elif n == 'u':
                k = src.index('}', j)
                out.append(chr(int(src[j + 3:k], 16))); j = k + 1
            elif n == '\n':
                j += 2
                while src[j] in ' \t\n':
                    j += 1
            else:
                raise ValueError('escape ' + n)
        else:
            out.append(c); j += 1


SPECIAL_START = ('[', '*', '.')


def _escape_line(line, placeholders):
    """One line of text as Fluent pattern text: braces quoted, `{name}` (when a placeholder)
    as a variable."""
    out = []
    pos = 0
    pat = re.compile(r'\{([a-z_][a-z0-9_]*)\}|[{}]')
    for m in pat.finditer(line):
        out.append(line[pos:m.start()])
        if m.group(1) is not None and m.group(1) in placeholders:
            out.append('{ $' + m.group(1) + ' }')
        elif m.group(0) == '{':
            out.append('{"{"}')
        elif m.group(0) == '}':
            out.append('{"}"}')
        else:
            # `{word}` not meant as a value: both braces quoted.
            out.append('{"{"}' + m.group(1) + '{"}"}')
        pos = m.end()
    out.append(line[pos:])
    text = ''.join(out)
    # Leading and trailing blanks would be trimmed: keep them as string literals.
    lead = len(text) - len(text.lstrip(' '))
    if lead:
        text = '{"' + ' ' * lead + '"}' + text[lead:]
    trail = len(text) - len(text.rstrip(' '))
    if trail:
        text = text[:len(text) - trail] + '{"' + ' ' * trail + '"}'
    if text.startswith(SPECIAL_START):
        text = '{"' + text[0] + '"}' + text[1:]
    return text


def ftl_entry(key, value, placeholders=()):
    """`key = value` in Fluent syntax, rendering back to exactly `value`."""
    if value == '':
        return key + ' = {""}'
    lines = value.split('\n')
    if len(lines) == 1:
        return key + ' = ' + _escape_line(value, placeholders)
    body = []
    for line in lines:
        if line == '':
            # An empty line inside a pattern: a literal keeps it (blank lines would be folded).
            body.append('    {""}')
        else:
            body.append('    ' + _escape_line(line, placeholders))
    return key + ' =\n' + '\n'.join(body)


def placeholders_in(*values):
    names = set()
    for v in values:
        names.update(re.findall(r'\{([a-z_][a-z0-9_]*)\}', v))
    return names
