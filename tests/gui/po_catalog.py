# po_catalog.py — reads a gettext PO file into {English: translation}, for GUI tests that
# check the console shows the translation and not the English text.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import ast


def _entries(path):
    entry, key = {}, None
    with open(path, encoding='utf-8') as stream:
        for raw in stream:
            line = raw.strip()
            if not line:
                if entry:
                    yield entry
                entry, key = {}, None
            elif line.startswith('#,'):
                entry['flags'] = line[2:]
            elif line.startswith('#~'):
                entry['obsolete'] = True
            elif line.startswith('#'):
                continue
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            else:
                key, _, value = line.partition(' ')
                entry[key] = ast.literal_eval(value)
    if entry:
        yield entry


def translations(path):
    """The PO file's finished translations that differ from their English, by English
    text: singular and plural forms alike. Fuzzy and obsolete entries are left out, as
    gettext leaves them out at run time."""
    found = {}
    for entry in _entries(path):
        if entry.get('obsolete') or 'fuzzy' in entry.get('flags', '') or not entry.get('msgid'):
            continue
        pairs = [(entry['msgid'], entry.get('msgstr', entry.get('msgstr[0]', '')))]
        if 'msgid_plural' in entry:
            pairs.append((entry['msgid_plural'], entry.get('msgstr[1]', '')))
        for english, translated in pairs:
            if translated and translated != english:
                found.setdefault(english, translated)
    return found
