# test_spanish.py — the console in Spanish (es_ES.UTF-8): its words come from the
# translation, and money and dates are written the Spanish way. Every label and control
# on the queue, a ticket and the session log is walked: one that shows the English text
# of a string the translation has translated was not looked up through gettext.
#
# Environment (tests/gui/meson.build): OKC_LOCALE_DIR, the build's compiled translations;
# OKC_PO_FILE, po/es.po; OKC_TEST_LOCALE_DIR, where es_ES.UTF-8 is compiled with
# localedef (nothing system-wide changes).
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import tempfile

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, screenshot, wait_until
from po_catalog import translations

AGENT = 'alex.rivera@ok2charge.example'
LOCALE = 'es_ES.UTF-8'
# glibc's es_ES money: "37,33 $", "1.234,50 $" (grouped from four digits).
SPANISH_MONEY = re.compile(r'^−?-?\d{1,3}(\.\d{3})*,\d{2}\u00a0?\s?\$$')
ENGLISH_MONEY = re.compile(r'^[−-]?\$\d[\d,]*\.\d{2}$')
SPANISH_MONTHS = ('ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct',
                  'nov', 'dic')
ENGLISH_DATE = re.compile(r'\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b')
SHOWN_ROLES = ('label', 'push button', 'toggle button', 'check box', 'menu item',
               'page tab', 'table column header', 'heading', 'text', 'list item', 'panel')


def compiled_locale():
    """es_ES.UTF-8 compiled into OKC_TEST_LOCALE_DIR, as tests/support/okc-test-locale.c
    does: into a scratch directory first, then renamed, so that two tests never see half
    a locale."""
    directory = os.environ['OKC_TEST_LOCALE_DIR']
    target = os.path.join(directory, LOCALE)
    if not os.path.exists(os.path.join(target, 'LC_MONETARY')):
        os.makedirs(directory, exist_ok=True)
        scratch = tempfile.mkdtemp(dir=directory)
        built = subprocess.run(['localedef', '-i', 'es_ES', '-f', 'UTF-8',
                                os.path.join(scratch, LOCALE)], capture_output=True, text=True)
        if built.returncode not in (0, 1):   # 1: warnings only
            fail('localedef could not compile %s: %s' % (LOCALE, built.stderr.strip()))
        try:
            os.rename(os.path.join(scratch, LOCALE), target)
        except OSError:
            if not os.path.exists(os.path.join(target, 'LC_MONETARY')):
                raise
    return directory


def shown_texts(root):
    """The names of what is visible under root. GTK 4.8 never reports SHOWING, and a
    widget on a stack page not shown counts as visible: every page built so far is
    walked, which is as it should be, since none of them may show English."""
    texts = []

    def walk(node, depth):
        if depth > 60:
            return
        try:
            visible = node.visible
            role = node.roleName
            name = node.name or ''
        except Exception:   # a node that went away while we looked
            return
        if not visible and role != 'application':
            return
        if role in SHOWN_ROLES and name:
            texts.append(name)
        for child in node:
            walk(child, depth + 1)

    walk(root, 0)
    return texts


def data_texts(api):
    """Every string of the backend's open tickets: a ticket's summary or a customer's
    words may happen to equal an English msgid, and the console shows them as they are."""
    found = set()

    def collect(value):
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(api.call('GET', '/v1/tickets?status=open&limit=500'))
    return found


def check_translated(console, catalog, where, data):
    texts = set(shown_texts(console.app)) - data
    spanish = texts & set(catalog.values())
    # Not a walk of nothing: a screen of the console has dozens of translated words.
    check(len(spanish) >= 10, '%s shows %d texts, %d of them translations (%s…)'
          % (where, len(texts), len(spanish), ', '.join(sorted(spanish)[:4])))
    english = sorted(t for t in texts if t in catalog)
    if english:
        fail('%s shows English text that es.po translates: %s' % (where, ' · '.join(
            '“%s” (es: “%s”)' % (t, catalog[t]) for t in english[:12])))
    check(True, '%s shows no English text that es.po translates' % where)


def main():
    catalog = translations(os.environ['OKC_PO_FILE'])
    data = data_texts(Api(AGENT, 'demo-agent'))

    def tr(english):
        return catalog.get(english, english)

    env = dict(os.environ, OKC_PASSWORD='demo-agent', LANGUAGE='es', LANG=LOCALE,
               LC_ALL=LOCALE, LOCPATH=compiled_locale())
    console = Console('--backend-url', BACKEND_URL, '--user', AGENT, env=env)
    try:
        queue = console.find(lambda n: n.roleName == 'list' and n.name == tr('Tickets'),
                             'the queue, named “%s”' % tr('Tickets'))
        views = console.find(lambda n: n.roleName == 'list' and
                             n.name == tr('Queue views'), 'the sidebar')
        check(views.findChild(lambda n: n.name == tr('All open'), retry=False,
                              requireResult=False) is not None,
              'the sidebar reads “%s”' % tr('All open'))
        rows = wait_until(lambda: [r for r in queue if r.roleName == 'list item'] or None,
                          'the queue’s tickets')
        check_translated(console, catalog, 'the queue', data)

        rows[0].select()
        opened = tr('Opened %s').replace('%s', '')
        label = console.find(lambda n: n.roleName == 'label' and n.visible and
                             n.name.startswith(opened), 'the ticket’s “%s…”' % opened)
        check(any(' %s ' % month in label.name for month in SPANISH_MONTHS) and
              not ENGLISH_DATE.search(label.name),
              'the ticket’s date is written in Spanish: “%s”' % label.name)
        check_translated(console, catalog, 'a ticket', data)
        screenshot('spanish-ticket')

        press('<Control>3')
        cells = wait_until(lambda: [t for t in shown_texts(console.app)
                                    if SPANISH_MONEY.match(t)] or None,
                           'the session log’s amounts in the Spanish form')
        english = [t for t in shown_texts(console.app) if ENGLISH_MONEY.match(t)]
        check(not english, 'the session log’s amounts read the Spanish way (%s), none the '
              'English way (%s)' % (', '.join(cells[:3]), ', '.join(english[:3])))
        check_translated(console, catalog, 'the session log', data)
        console.quit()
    finally:
        console.kill()


if __name__ == '__main__':
    main()
