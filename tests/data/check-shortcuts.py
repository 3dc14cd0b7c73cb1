#!/usr/bin/env python3
# check-shortcuts.py — every accelerator the console sets is in the shortcuts window.
#
# Reads the accelerators from the C sources (gtk_application_set_accels_for_action and
# gtk_widget_class_add_binding_action) and those listed in resources/gtk/help-overlay.ui,
# and fails, naming the file and line, for any one set in the code and not listed, and for
# any shortcut listed without a translatable title.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

# Set in the code on purpose, not listed, each for a reason a person reading the
# shortcuts window would agree with: (accelerator, action).
NOT_LISTED = {
    # The keypad's Enter does what Ctrl+Return does; the window lists Ctrl+Return.
    ('<Control>KP_Enter', 'composer.send'),
}

MODIFIERS = {
    'GDK_CONTROL_MASK': '<Control>',
    'GDK_SHIFT_MASK': '<Shift>',
    'GDK_ALT_MASK': '<Alt>',
    'GDK_SUPER_MASK': '<Super>',
}
MODIFIER_ORDER = ['<Control>', '<Shift>', '<Alt>', '<Super>']

BINDING = re.compile(
    r'gtk_widget_class_add_binding_action\s*\(\s*\w+\s*,\s*GDK_KEY_(\w+)\s*,\s*([^,]+?)\s*,'
    r'\s*"([^"]+)"', re.S)
SET_ACCELS = re.compile(
    r'gtk_application_set_accels_for_action\s*\([^,]+,\s*"([^"]+)"\s*,\s*(\w+)\s*\)', re.S)
ACCEL_ARRAY = r'(?:static\s+)?const\s+char\s*\*\s*const\s+{name}\s*\[\]\s*=\s*\{{([^}}]*)\}}'


def normalize(accel):
    """'<Primary><Shift>A' and '<Shift><Control>a' both become '<Control><Shift>a'."""
    mods = re.findall(r'<(\w+)>', accel)
    key = re.sub(r'<\w+>', '', accel).strip()
    names = set()
    for m in mods:
        m = m.lower()
        names.add({'primary': '<Control>', 'control': '<Control>', 'ctrl': '<Control>',
                   'shift': '<Shift>', 'alt': '<Alt>', 'super': '<Super>'}.get(m, '<' + m + '>'))
    if len(key) == 1 and key.isalpha():
        key = key.lower()
    return ''.join(m for m in MODIFIER_ORDER if m in names) + \
        ''.join(sorted(n for n in names if n not in MODIFIER_ORDER)) + key


def line_of(text, offset):
    return text.count('\n', 0, offset) + 1


def code_accels(src):
    found = []
    for path in sorted(src.rglob('*.c')):
        text = path.read_text(encoding='utf-8')
        for m in BINDING.finditer(text):
            key, mask, action = m.group(1), m.group(2), m.group(3)
            mods = []
            if mask.strip() != '0':
                for part in mask.split('|'):
                    part = part.strip()
                    if part not in MODIFIERS:
                        sys.exit(f'{path}:{line_of(text, m.start())}: unknown modifier {part}')
                    mods.append(MODIFIERS[part])
            found.append((normalize(''.join(mods) + key), action, path, line_of(text, m.start())))
        for m in SET_ACCELS.finditer(text):
            action, array = m.group(1), m.group(2)
            decl = re.search(ACCEL_ARRAY.format(name=re.escape(array)), text)
            if decl is None:
                sys.exit(f'{path}:{line_of(text, m.start())}: cannot find the accelerators '
                         f'{array} for {action}')
            for accel in re.findall(r'"([^"]+)"', decl.group(1)):
                found.append((normalize(accel), action, path, line_of(text, m.start())))
    return found


def listed_accels(overlay):
    listed = set()
    problems = []
    for shortcut in ET.parse(overlay).getroot().iter('object'):
        if shortcut.get('class') != 'GtkShortcutsShortcut':
            continue
        props = {p.get('name'): p for p in shortcut.findall('property')}
        accel = props.get('accelerator')
        title = props.get('title')
        if title is None or title.get('translatable') != 'yes' or not (title.text or '').strip():
            problems.append(f'{overlay}: the shortcut {accel.text if accel is not None else "?"} '
                            'has no translatable title')
        if accel is not None:
            listed.update(normalize(a) for a in accel.text.split())
    return listed, problems


def main():
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2]
    overlay = root / 'resources' / 'gtk' / 'help-overlay.ui'
    found = code_accels(root / 'src')
    listed, problems = listed_accels(overlay)

    if not found:
        problems.append(f'no accelerators found under {root / "src"}: is the pattern stale?')
    for accel, action, path, line in found:
        if accel in listed or (accel, action) in NOT_LISTED:
            continue
        problems.append(f'{path.relative_to(root)}:{line}: {accel} ({action}) is not in '
                        f'{overlay.relative_to(root)}')

    for p in problems:
        print(p, file=sys.stderr)
    print(f'{len(found)} accelerators in the code, {len(listed)} in the shortcuts window')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
