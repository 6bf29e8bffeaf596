#!/usr/bin/env python3
"""Checks the fonts embedded in a PDF with independent parsers (test oracle).

    check_fonts.py DOC.pdf NAME=ORIGINAL.ttf [NAME=ORIGINAL.ttf ...]

qpdf parses the PDF (objects and decoded streams, as JSON) and fontTools parses every
embedded TrueType program. For each Type0/CIDFontType2 font whose BaseFont ends in NAME
(after the subset tag) it checks that:

- the font program loads with every table checksum verified, and the whole-font checksum
  (head.checkSumAdjustment) is right;
- every glyph decompiles, composite components included;
- the PDF's /W width of every CID equals the embedded glyph's advance;
- every CID that ToUnicode maps to a character draws exactly the original font's glyph for
  that character (same outline points, contours and advance): the subset prints what the
  text says;
- the subset is a subset: no more glyphs than mapped characters plus their components.

Prints one JSON object: {"fonts": [...], "errors": [...]}; exits 1 when there are errors.
"""
import base64
import io
import json
import re
import struct
import subprocess
import sys

from fontTools.ttLib import TTFont


def qpdf_objects(path):
    out = subprocess.run(
        ['qpdf', '--json=2', '--json-stream-data=inline', '--decode-level=generalized', path],
        check=True, capture_output=True).stdout
    doc = json.loads(out)
    return doc['qpdf'][1]


def resolve(objs, v):
    if isinstance(v, str) and re.fullmatch(r'\d+ \d+ R', v):
        o = objs['obj:' + v]
        return o['stream'] if 'stream' in o else o['value']
    return v


def stream_data(objs, ref):
    s = resolve(objs, ref)
    return base64.b64decode(s['data'])


def parse_hex(h):
    return int(h, 16)


def utf16(hexstr):
    return bytes.fromhex(hexstr).decode('utf-16-be')


def parse_tounicode(text):
    """bfchar and bfrange (both forms) of a ToUnicode CMap → {code: str}."""
    m = {}
    for block in re.findall(r'beginbfchar(.*?)endbfchar', text, re.S):
        for src, dst in re.findall(r'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>', block):
            m[parse_hex(src)] = utf16(dst)
    for block in re.findall(r'beginbfrange(.*?)endbfrange', text, re.S):
        for lo, hi, rest in re.findall(r'<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)', block):
            lo, hi = parse_hex(lo), parse_hex(hi)
            if rest.startswith('['):
                dsts = re.findall(r'<([0-9a-fA-F]+)>', rest)
                if len(dsts) != hi - lo + 1:
                    raise ValueError(f'bfrange <{lo:04x}> <{hi:04x}> has {len(dsts)} destinations')
                for i, d in enumerate(dsts):
                    m[lo + i] = utf16(d)
            else:
                start = parse_hex(rest[1:-1])
                for i in range(hi - lo + 1):
                    m[lo + i] = chr(start + i)
    return m


def parse_w(w):
    """A CIDFont /W array → {cid: width}."""
    out = {}
    i = 0
    while i < len(w):
        first = w[i]
        if isinstance(w[i + 1], list):
            for k, v in enumerate(w[i + 1]):
                out[first + k] = v
            i += 2
        else:
            for c in range(first, w[i + 1] + 1):
                out[c] = w[i + 2]
            i += 3
    return out


def outline(font, name):
    glyf = font['glyf']
    g = glyf[name]
    coords, ends, flags = g.getCoordinates(glyf)
    return [tuple(p) for p in coords], list(ends), [f & 1 for f in flags]


def check_font(objs, type0, originals, errors):
    base = type0['/BaseFont'][1:]
    subset_name = base.split('+', 1)[-1]
    info = {'baseFont': base, 'glyphs': 0, 'mapped': 0, 'checked': 0}
    if not re.fullmatch(r'[A-Z]{6}\+.+', base):
        errors.append(f'{base}: BaseFont has no subset tag')
    if type0.get('/Encoding') != '/Identity-H':
        errors.append(f'{base}: encoding {type0.get("/Encoding")}')
    cid = resolve(objs, resolve(objs, type0['/DescendantFonts'])[0])
    if cid.get('/CIDToGIDMap') != '/Identity':
        errors.append(f'{base}: CIDToGIDMap is not /Identity')
    desc = resolve(objs, cid['/FontDescriptor'])
    data = stream_data(objs, desc['/FontFile2'])
    try:
        font = TTFont(io.BytesIO(data), checkChecksums=2)
        font.ensureDecompiled()
    except Exception as e:  # noqa: BLE001 - any parse failure is the finding
        errors.append(f'{base}: fontTools cannot load the font program: {e}')
        return info
    padded = data + b'\0' * (-len(data) % 4)
    total = sum(struct.unpack(f'>{len(padded) // 4}I', padded)) & 0xffffffff
    if total != 0xB1B0AFBA:
        errors.append(f'{base}: whole-font checksum {total:#x} (head.checkSumAdjustment wrong)')
    order = font.getGlyphOrder()
    info['glyphs'] = len(order)
    for name in order:
        try:
            outline(font, name)
        except Exception as e:  # noqa: BLE001
            errors.append(f'{base}: glyph {name} does not decompile: {e}')
    upem = font['head'].unitsPerEm
    hmtx = font['hmtx']
    widths = parse_w(cid.get('/W', []))
    for c, w in widths.items():
        if c >= len(order):
            errors.append(f'{base}: /W gives CID {c}, the font has {len(order)} glyphs')
        elif abs(hmtx[order[c]][0] * 1000 / upem - w) > 0.01:
            errors.append(f'{base}: CID {c} /W {w} but the glyph advance is {hmtx[order[c]][0] * 1000 / upem:.3f}')
    tu = parse_tounicode(stream_data(objs, type0['/ToUnicode']).decode('latin1'))
    info['mapped'] = len(tu)
    orig_path = originals.get(subset_name)
    if not orig_path:
        errors.append(f'{base}: no original font given for {subset_name}')
        return info
    orig = TTFont(orig_path)
    cmap = orig.getBestCmap()
    for c, text in sorted(tu.items()):
        if c >= len(order):
            errors.append(f'{base}: ToUnicode maps CID {c}, the font has {len(order)} glyphs')
            continue
        if c not in widths:
            errors.append(f'{base}: CID {c} ({text!r}) has no /W width')
        if len(text) != 1 and not (len(text) == 2 and 0xd800 <= ord(text[0]) <= 0xdbff):
            continue
        cp = ord(text) if len(text) == 1 else (ord(text[0]) - 0xd800) * 0x400 + ord(text[1]) - 0xdc00 + 0x10000
        want = cmap.get(cp)
        if want is None:
            errors.append(f'{base}: CID {c} maps to U+{cp:04X}, which the original font lacks')
            continue
        if outline(font, order[c]) != outline(orig, want):
            errors.append(f'{base}: CID {c} ({text!r}) does not draw the original glyph {want}')
        elif hmtx[order[c]][0] != orig['hmtx'][want][0]:
            errors.append(f'{base}: CID {c} ({text!r}) advance differs from the original')
        else:
            info['checked'] += 1
    # .notdef, the mapped glyphs and the components of composite ones: nothing else.
    needed = {order[0]}
    glyf = font['glyf']
    for c in tu:
        if c < len(order):
            stack = [order[c]]
            while stack:
                n = stack.pop()
                if n in needed:
                    continue
                needed.add(n)
                g = glyf[n]
                if g.isComposite():
                    stack.extend(comp.glyphName for comp in g.components)
    if len(order) > len(needed):
        errors.append(f'{base}: {len(order)} glyphs embedded, {len(needed)} needed')
    return info


def main():
    path = sys.argv[1]
    originals = dict(a.split('=', 1) for a in sys.argv[2:])
    objs = qpdf_objects(path)
    errors = []
    fonts = []
    seen = set()
    for key, o in objs.items():
        v = o.get('value')
        if isinstance(v, dict) and v.get('/Type') == '/Font' and v.get('/Subtype') == '/Type0' and key not in seen:
            seen.add(key)
            fonts.append(check_font(objs, v, originals, errors))
        elif isinstance(v, dict) and v.get('/Type') == '/Font':
            if v.get('/Subtype') not in ('/CIDFontType2',):
                errors.append(f'{key}: unexpected font {v.get("/Subtype")} {v.get("/BaseFont")}')
    print(json.dumps({'fonts': fonts, 'errors': errors}))
    sys.exit(1 if errors else 0)


if __name__ == '__main__':
    main()
