#!/usr/bin/env python3
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that every user-visible string of the console goes through gettext.

Fails, printing file:line and the string, when
  (a) a source file with translatable markers is missing from po/POTFILES.in,
      or a file listed there is gone;
  (b) a .ui file has human text in a label/title/subtitle/tooltip/placeholder/
      description/text property, an accessible property or a menu attribute
      without translatable="yes";
  (c) a C string literal in src/ui, src/client or src/core that looks like
      human text is not marked for translation and is not in
      po/untranslated.txt (or an entry there no longer matches anything);
  (d) generating the .pot the way meson's i18n.gettext (preset 'glib') does
      prints any warning;
  (e) a language of po/LINGUAS does not translate every string of that .pot
      (untranslated or fuzzy after msgmerge), or fails msgfmt --check.

Usage: check-translatable.py SOURCE_ROOT [XGETTEXT]
Only the standard library and gettext's xgettext, msgmerge and msgfmt are needed.
"""

import os
import re
import subprocess
import sys
import tempfile
import xml.parsers.expat

C_DIRS = ("src/ui", "src/client", "src/core")
UI_DIRS = ("resources/ui", "resources/gtk")
# Directories whose files must be in POTFILES.in when they carry markers.
# src/backend is left out on purpose: it is an English API server (po/README.md).
MARKED_DIRS = C_DIRS + UI_DIRS + ("data",)

# The arguments meson's i18n module passes to xgettext for preset: 'glib'
# (PRESET_ARGS['glib'] in mesonbuild/modules/i18n.py, plus the '-k_' that
# mesonbuild/scripts/gettext.py adds). Keep in step with meson.
GLIB_PRESET = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# Functions whose string arguments are never shown to the user: the first
# (format) argument of these is dropped from check (c).
LOG_KEYWORDS = ["g_debug", "g_info", "g_message", "g_warning", "g_critical",
                "g_error", "g_print", "g_printerr", "g_log:3",
                "g_param_spec_string:3", "g_param_spec_object:3",
                "g_param_spec_boolean:3", "g_param_spec_uint:3",
                "g_param_spec_int:3", "g_param_spec_int64:3",
                "g_param_spec_uint64:3", "g_param_spec_enum:3",
                "g_param_spec_double:3", "g_param_spec_boxed:3",
                "g_param_spec_pointer:3", "g_param_spec_flags:3"]

UI_PROPERTIES = {"label", "title", "subtitle", "tooltip-text",
                 "tooltip-markup", "placeholder-text", "description", "text",
                 "heading", "body", "secondary-text", "primary-text",
                 "accelerator-title", "name-label"}
LETTERS_RE = re.compile(r"[^\W\d_]{2,}")
SQL_RE = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN|"
                    r"COMMIT|ROLLBACK|ALTER|DROP|WITH|REPLACE|SAVEPOINT|"
                    r"RELEASE|VALUES|FROM|WHERE|AND|OR|ORDER|GROUP|LIMIT|"
                    r"JOIN|LEFT|ON|SET|ANALYZE|VACUUM)\b")


def meson_extra_args(root):
    """The args: of i18n.gettext() in po/meson.build (extra keywords)."""
    with open(os.path.join(root, "po", "meson.build"), encoding="utf-8") as f:
        return re.findall(r"'(--(?:keyword|flag)=[^']*)'", f.read())


def rel(root, path):
    return os.path.relpath(path, root)


def walk(root, dirs, exts):
    for d in dirs:
        for top, subdirs, files in os.walk(os.path.join(root, d)):
            subdirs.sort()
            for name in sorted(files):
                if name.endswith(exts):
                    yield rel(root, os.path.join(top, name))


def read_potfiles(root):
    entries = []
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append((lineno, line))
    return entries


def check_potfiles(root, xgettext_cmd, tmp, errors):
    """(a): POTFILES.in lists exactly the files that have marked strings."""
    entries = read_potfiles(root)
    listed = set()
    for lineno, path in entries:
        listed.add(path)
        if not os.path.exists(os.path.join(root, path)):
            errors.append(f"po/POTFILES.in:{lineno}: {path}: listed but the "
                          f"file is gone")
    first = {}
    c_files = list(walk(root, MARKED_DIRS, (".c", ".h")))
    for _, _, _, refs in xgettext(xgettext_cmd, root, c_files,
                                  GLIB_PRESET[1:] + meson_extra_args(root),
                                  tmp, "potfiles.po"):
        for file, line in refs:
            first[file] = min(line, first.get(file, line))
    for path in walk(root, MARKED_DIRS, (".ui",)):
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if 'translatable="yes"' in line:
                    first[path] = lineno
                    break
    for path, lineno in sorted(first.items()):
        if path not in listed:
            errors.append(f"{path}:{lineno}: has translatable strings but is "
                          f"not in po/POTFILES.in")


def check_ui_file(root, path, errors):
    """(b): human text in a .ui file without translatable="yes"."""
    parser = xml.parsers.expat.ParserCreate()
    stack = []  # (tag, attrs, line, text parts)

    def start(tag, attrs):
        stack.append((tag, attrs, parser.CurrentLineNumber, []))

    def end(tag):
        tag, attrs, line, parts = stack.pop()
        text = "".join(parts).strip()
        parent = stack[-1][0] if stack else ""
        name = attrs.get("name", "")
        human = False
        if tag == "property" and name in UI_PROPERTIES:
            human = True
        elif tag == "attribute" and name in ("label", "description"):
            human = True      # menus
        elif tag == "item" and parent == "items":
            human = True      # GtkStringList, GtkComboBoxText
        elif tag in ("property", "relation") and parent == "accessibility":
            human = name in ("label", "description", "placeholder",
                             "role-description", "value-text")
        if not human or attrs.get("translatable") == "yes":
            return
        if attrs.get("bind-source") or not LETTERS_RE.search(text):
            return
        errors.append(f"{path}:{line}: <{tag} name=\"{name}\"> “{text}” has "
                      f"no translatable=\"yes\"")

    def chars(data):
        if stack:
            stack[-1][3].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    with open(os.path.join(root, path), "rb") as f:
        parser.ParseFile(f)


def parse_po(text):
    """Yield (msgctxt, msgid, msgid_plural, [(file, line)]) of a .po file."""
    def unquote(s):
        s = s.strip()
        assert s.startswith('"') and s.endswith('"'), s
        return s[1:-1]

    entries = []
    refs, fields, current = [], {}, None
    for line in text.splitlines() + [""]:
        if line.startswith("#:"):
            for ref in line[2:].split():
                file, _, lineno = ref.rpartition(":")
                refs.append((file, int(lineno)))
        elif line.startswith('"') and current:
            fields[current] += unquote(line)
        elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
            current, _, value = line.partition(" ")
            fields[current] = unquote(value)
        elif line.startswith("msgstr"):
            current = None
        elif not line.strip():
            if "msgid" in fields and fields["msgid"]:
                entries.append((fields.get("msgctxt"), fields["msgid"],
                                fields.get("msgid_plural"), refs))
            refs, fields, current = [], {}, None
    return entries


def xgettext(xgettext_cmd, root, files, args, tmp, name):
    out = os.path.join(tmp, name)
    listfile = os.path.join(tmp, name + ".files")
    with open(listfile, "w", encoding="utf-8") as f:
        f.write("\n".join(files) + "\n")
    proc = subprocess.run([xgettext_cmd, "--from-code=UTF-8", "-D", root,
                           "-f", listfile, "-o", out, "--force-po",
                           "--no-wrap"] + args,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"xgettext failed:\n{proc.stderr}")
    with open(out, encoding="utf-8") as f:
        return parse_po(f.read())


def looks_human(s):
    """A string a person reads: words, not identifiers, paths or SQL."""
    if SQL_RE.match(s):
        return False
    # A placeholder or punctuation only ("%s: %s", "—", "%u/%u").
    words = LETTERS_RE.findall(re.sub(r"%[-+ #0-9.*]*[a-zA-Z]+", " ", s))
    if not words:
        return False
    if " " not in s.strip():
        # One token: a capitalised word ("Refund") is text; identifiers,
        # keys, MIME types, action names, CSS classes, paths are not.
        return bool(re.fullmatch(r"[A-Z][a-z]+[.:…!?]?", s))
    # Several tokens: text unless it is all code-like tokens.
    for token in s.split():
        if re.fullmatch(r"[^\W\d_][a-z]*[,.:;…!?)]?", token) and len(token) > 1:
            return True
    return False


def read_allow_list(root, errors):
    allowed = {}
    path = os.path.join(root, "po", "untranslated.txt")
    reason = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                reason = line
                continue
            file, sep, string = line.partition(": ")
            if not sep or not string:
                errors.append(f"po/untranslated.txt:{lineno}: expected "
                              f"'FILE: STRING', got “{line}”")
                continue
            if reason is None:
                errors.append(f"po/untranslated.txt:{lineno}: entry without "
                              f"a '# reason' comment above it")
            allowed[(file, string)] = lineno
    return allowed


def check_c_strings(root, xgettext_cmd, tmp, errors):
    """(c): human text in C that no marker puts in the catalogue."""
    files = list(walk(root, C_DIRS, (".c", ".h")))
    everything = xgettext(xgettext_cmd, root, files, ["-a"], tmp, "all.po")
    marked = xgettext(xgettext_cmd, root, files,
                      GLIB_PRESET[1:] + meson_extra_args(root), tmp,
                      "marked.po")
    logged = xgettext(xgettext_cmd, root, files,
                      ["-k"] + ["--keyword=" + k for k in LOG_KEYWORDS],
                      tmp, "logged.po")
    exact = set()      # (string, file, line)
    in_file = set()    # (string, file): plurals and contexts
    for ctxt, msgid, plural, refs in marked:
        for file, line in refs:
            exact.add((msgid, file, line))
            in_file.add((msgid, file))
            if plural:
                in_file.add((plural, file))
            if ctxt:
                in_file.add((ctxt, file))
    for ctxt, msgid, plural, refs in logged:
        for file, line in refs:
            exact.add((msgid, file, line))

    allowed = read_allow_list(root, errors)
    used = set()
    for _, msgid, _, refs in everything:
        if not looks_human(msgid):
            continue
        for file, line in refs:
            if (msgid, file, line) in exact or (msgid, file) in in_file:
                continue
            for key in ((file, msgid), ("*", msgid), (file, "*")):
                if key in allowed:
                    used.add(key)
                    break
            else:
                errors.append(f"{file}:{line}: “{msgid}” looks like text a "
                              f"user reads but is not marked for translation "
                              f"(mark it, or list it in po/untranslated.txt "
                              f"with the reason)")
    for key, lineno in sorted(allowed.items(), key=lambda kv: kv[1]):
        if key not in used:
            errors.append(f"po/untranslated.txt:{lineno}: {key[0]}: "
                          f"“{key[1]}” no longer matches an unmarked string; "
                          f"remove it")


def check_pot_warnings(root, xgettext_cmd, tmp, errors):
    """(d): the pot target's xgettext run must be warning-free."""
    proc = subprocess.run([xgettext_cmd, "--package-name=ok2charge-console",
                           "-p", tmp, "-f",
                           os.path.join(root, "po", "POTFILES.in"),
                           "-D", root, "-k_", "-o", "ok2charge-console.pot"]
                          + GLIB_PRESET + meson_extra_args(root), capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 or output:
        errors.append("xgettext (the pot target) is not clean:\n" + output)


def check_translations_complete(root, tmp, errors):
    """(e): every language in LINGUAS translates every string of the pot that (d) wrote,
    none fuzzy (a changed English string), and passes msgfmt --check."""
    pot = os.path.join(tmp, "ok2charge-console.pot")
    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as stream:
        languages = [w for line in stream for w in line.split("#")[0].split()]
    for language in languages:
        merged = os.path.join(tmp, language + ".po")
        subprocess.run(["msgmerge", "--quiet", "--output-file", merged,
                        os.path.join(root, "po", language + ".po"), pot], check=True)
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                              capture_output=True, text=True)
        statistics = proc.stderr.strip()
        if proc.returncode != 0 or "fuzzy" in statistics or "untranslated" in statistics:
            errors.append(f"po/{language}.po is not complete for the sources: {statistics} "
                          f"(msgmerge it with the pot and translate what is missing)")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    xgettext_cmd = sys.argv[2] if len(sys.argv) == 3 else "xgettext"
    errors = []
    for path in walk(root, UI_DIRS, (".ui",)):
        check_ui_file(root, path, errors)
    with tempfile.TemporaryDirectory() as tmp:
        check_potfiles(root, xgettext_cmd, tmp, errors)
        check_c_strings(root, xgettext_cmd, tmp, errors)
        check_pot_warnings(root, xgettext_cmd, tmp, errors)
        check_translations_complete(root, tmp, errors)
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} problem(s) with translatable strings")
        return 1
    print("all user-visible strings go through gettext")
    return 0


if __name__ == "__main__":
    sys.exit(main())
