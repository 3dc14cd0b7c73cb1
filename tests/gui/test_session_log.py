# test_session_log.py — an agent goes through the session log: every session counted,
# filtered to one charger, sorted by what was billed both ways, narrowed by date, one
# session opened, and the end of a list of 200,000 sessions reached without waiting.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import urlparse

from okc_gui import BACKEND_URL, WORK_DIR, Console, check, press, type_text, wait_until

DATABASE = os.path.join(WORK_DIR, 'backend.sqlite')
WANTED = 200000
COUNT = re.compile(r'^([\d,]+) sessions?$')
SESSION_ID = re.compile(r'^SES-\d+$')
TIME = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d$')


def _answers():
    try:
        urllib.request.urlopen(BACKEND_URL + '/v1/sessions', timeout=5)
    except urllib.error.HTTPError:
        return True     # 401: it answers
    except OSError:
        return False
    return True


def grow_sessions():
    """Copies of the demo's sessions, a week earlier each round under new ids, until
    there are WANTED: whole rows, so whatever the schema holds stays consistent. The
    backend is stopped meanwhile and started again on the same port."""
    # An answer first: the backend takes SIGTERM once it serves, not just as it starts.
    wait_until(_answers, 'the backend to answer')
    os.kill(int(os.environ['OKC_TEST_BACKEND_PID']), signal.SIGTERM)
    # Gone once it no longer answers (its process may linger as the runner's zombie).
    wait_until(lambda: not _answers(), 'the backend to stop')
    db = sqlite3.connect(DATABASE)
    db.execute('PRAGMA synchronous = OFF')     # a test's database: no crash to survive
    seed = db.execute('SELECT COUNT (*) FROM sessions').fetchone()[0]
    left = WANTED - seed
    week = 7 * 86400
    # Round r: the seed again, r weeks earlier, its ids 'SES-9' + r + the seed id's tail.
    shifted = {'id': "'SES-9' || printf ('%03d', r) || substr (id, 8)",
               'started_at': 'started_at - r * %d' % week,
               'ended_at': 'ended_at - r * %d' % week,
               'charging_ended_at': 'charging_ended_at - r * %d' % week}
    columns = [row[1] for row in db.execute('PRAGMA table_info (sessions)')]
    # One statement for every round: a row at a time from the seed, without copies.
    with db:
        db.execute('CREATE TEMP TABLE seed AS SELECT * FROM sessions')
        db.execute('INSERT INTO sessions (%s)'
                   ' WITH RECURSIVE rounds (r) AS'
                   '  (SELECT 1 UNION ALL SELECT r + 1 FROM rounds WHERE r < ?)'
                   ' SELECT %s FROM rounds, seed ORDER BY r, seed.rowid LIMIT ?'
                   % (', '.join(columns), ', '.join(shifted.get(c, c) for c in columns)),
                   (-(-left // seed), left))
    db.execute('ANALYZE')
    db.close()

    port = urlparse(BACKEND_URL).port
    log = open(os.path.join(WORK_DIR, 'backend-restarted.log'), 'w')
    backend = subprocess.Popen([os.environ['OKC_BACKEND_PATH'], '--database', DATABASE,
                                '--listen', '127.0.0.1:%d' % port],
                               stdout=log, stderr=subprocess.STDOUT)
    with open(os.path.join(WORK_DIR, 'backend.pid'), 'w') as f:
        f.write(str(backend.pid))
    wait_until(lambda: 'Listening on' in open(log.name).read(), 'the backend to restart')


def sql_value(sql, *args):
    db = sqlite3.connect(DATABASE)
    try:
        return db.execute(sql, args).fetchone()[0]
    finally:
        db.close()


def grouped(number):
    return '{:,}'.format(number)


COLUMNS = ['Started', 'Ended', 'Duration', 'Charger', 'Property', 'Account', 'Energy', 'Idle',
           'Billed', 'Outcome', 'Stop Reason']


class Panel:
    """The Sessions panel, searched within its own subtree: the whole console is large."""

    def __init__(self, console):
        self.console = console
        self.table = console.find(lambda n: n.name == 'Sessions' and n.roleName == 'tree table'
                                  and n.visible, 'the Sessions table')
        # table → scrolled window → stack page → stack → the panel's box with the filters
        self.root = self.table.parent.parent.parent.parent
        # … → the leaflet, whose other page is a session's detail
        self.leaflet = self.root.parent
        self.count_label = None

    def count(self):
        # The count's label is found once, then read: its text changes, the label stays.
        if self.count_label is None:
            self.count_label = self.console.find(lambda n: n.roleName == 'label' and n.visible
                                                 and COUNT.match(n.name or ''),
                                                 'the session count', within=self.root)
        label = self.count_label
        return wait_until(lambda: label.visible and COUNT.match(label.name or '') and label.name,
                          'the session count')

    def wait_count(self, number, what):
        text = grouped(number) + (' session' if number == 1 else ' sessions')
        wait_until(lambda: self.count() == text, what + ' (%s)' % text, timeout=60)
        check(True, what + ': “%s”' % text)

    def rows(self):
        """The rows on screen, each as its cells' texts. One walk of the table that reads
        each row's cells once and does not go down into them looking for more rows: the
        table holds every row it has realized, and a poll reads them all."""
        rows = []

        def walk(node):
            for child in children(node):
                if child.roleName != 'table row':
                    walk(child)
                    continue
                cells = children(child)
                if any(c.roleName == 'table cell' for c in cells):
                    rows.append([text[0].name if text else '' for text in map(children, cells)])
        walk(self.table)
        return rows

    def column_of(self, title):
        index = COLUMNS.index(title)
        return [row[index] for row in self.rows() if len(row) > index]

    def click_header(self, title):
        header = self.console.find(lambda n: n.roleName == 'label' and n.name == title and
                                   n.parent.parent.name == 'GtkColumnViewTitle',
                                   'the “%s” column header' % title, within=self.table)
        header.click()


def children(node):
    """A node's children, without those that went away while we looked."""
    return [c for c in (node.getChildAtIndex(i) for i in range(node.childCount)) if c is not None]


def first_loaded(values):
    values = [v for v in values if v != '…']
    return values[0] if values else None


def money(minor):
    return '$%s.%02d' % (grouped(minor // 100), minor % 100)


def main():
    grow_sessions()
    total = sql_value('SELECT COUNT (*) FROM sessions')
    check(total == WANTED, 'the log holds %s sessions' % grouped(total))

    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', 'alex.rivera@ok2charge.example',
                      env=env)
    try:
        wait_until(console.ticket_rows, 'the queue', timeout=60)
        press('<Control>3')
        panel = Panel(console)
        panel.wait_count(total, 'Ctrl+3 opens Sessions with every session counted')
        wait_until(lambda: [t for t in panel.column_of('Started') if TIME.match(t)], 'the first rows')

        # One charger.
        charger = sql_value('SELECT charger_id FROM sessions GROUP BY charger_id '
                            'ORDER BY COUNT (*) DESC, charger_id')
        charger_total = sql_value('SELECT COUNT (*) FROM sessions WHERE charger_id = ?', charger)
        entry = console.find(lambda n: n.name == 'Charger filter' and n.visible, 'the Charger filter',
                             within=panel.root)
        entry.click()
        type_text(charger)
        press('Return')
        panel.wait_count(charger_total, 'filtering by %s counts its sessions' % charger)
        chargers = wait_until(lambda: [c for c in panel.column_of('Charger') if c != '…'],
                              'the charger’s rows')
        check(set(chargers) == {charger}, 'every row shown is of %s' % charger)

        # Billed, both ways.
        lowest = sql_value('SELECT MIN (total) FROM sessions WHERE charger_id = ?', charger)
        highest = sql_value('SELECT MAX (total) FROM sessions WHERE charger_id = ?', charger)
        panel.click_header('Billed')
        wait_until(lambda: first_loaded(panel.column_of('Billed')) == money(lowest),
                   'the cheapest session first (%s)' % money(lowest))
        check(True, 'Billed ascending puts %s first' % money(lowest))
        panel.click_header('Billed')
        wait_until(lambda: first_loaded(panel.column_of('Billed')) == money(highest),
                   'the dearest session first (%s)' % money(highest))
        check(True, 'Billed descending puts %s first' % money(highest))

        # From the latest day back that the charger has sessions since (yesterday, mostly).
        now = time.localtime()
        for days in range(1, 31):
            yesterday = time.mktime((now.tm_year, now.tm_mon, now.tm_mday - days, 0, 0, 0, 0, 0, -1))
            since = sql_value('SELECT COUNT (*) FROM sessions WHERE charger_id = ? AND started_at >= ?',
                              charger, int(yesterday))
            if since > 0:
                break
        console.click_button('From date', within=panel.root)
        # The popover gives its day entry the keyboard (AT-SPI misplaces a popover's
        # calendar days, so a click would miss them).
        console.find(lambda n: n.name == 'From day' and n.visible, 'the From day entry',
                     within=panel.root)
        type_text(time.strftime('%Y-%m-%d', time.localtime(yesterday)))
        press('Return')
        press('Escape')
        panel.wait_count(since, 'From %s narrows the count' % time.strftime('%Y-%m-%d', time.localtime(yesterday)))

        # A session opened.
        # One of the demo's own sessions (the copies above have no meter samples).
        ids = sql_value('SELECT id FROM sessions WHERE charger_id = ? AND started_at >= ? '
                        'ORDER BY total DESC, id DESC', charger, int(yesterday))
        first_cell = wait_until(lambda: panel.table.findChild(
            lambda n: n.roleName == 'label' and n.visible and n.name == charger,
            retry=False, requireResult=False), 'a row to open')
        first_cell.click()
        press('Return')
        console.find(lambda n: n.visible and n.name == ids, 'the session’s id in its detail',
                     within=panel.leaflet)
        check(True, 'activating the first row opens %s' % ids)
        console.click_button('Back to sessions', within=panel.leaflet)

        console.click_button('Clear dates', within=panel.root)
        panel.wait_count(charger_total, 'Clear brings every date back')

        # The end of 200,000.
        entry.click()
        press('<Control>a')
        press('BackSpace')
        panel.wait_count(total, 'clearing the charger shows every session again')
        first_cell = wait_until(lambda: panel.table.findChild(
            lambda n: n.roleName == 'label' and n.visible and TIME.match(n.name or ''),
            retry=False, requireResult=False), 'a row')
        first_cell.click()
        press('<Control>End')
        low = sql_value('SELECT MIN (total) FROM sessions')
        wait_until(lambda: money(low) in panel.column_of('Billed'),
                   'the last rows (%s) loaded' % money(low))
        check(True, 'the end of %s sessions is reached and loaded' % grouped(total))

        # From a charger's page: Show Sessions opens the log filtered to it.
        press('<Control>2')
        chargers_list = console.find(lambda n: n.roleName == 'list' and n.name == 'Chargers',
                                     'the list of chargers')
        row = console.find(lambda n: n.roleName == 'panel' and n.visible and
                           re.match(r'^CH-[\w-]+, (Online|Offline|Faulted), ', n.name or ''),
                           'a charger in the list', within=chargers_list)
        shown = row.name.split(',')[0]
        row.parent.select()
        # list → scrolled window → stack page → stack → list view → the panel's paned
        console.click_button('Show Sessions',
                             within=chargers_list.parent.parent.parent.parent.parent)
        panel.wait_count(sql_value('SELECT COUNT (*) FROM sessions WHERE charger_id = ?', shown),
                         'Show Sessions on %s’s page shows its sessions' % shown)
        chargers = wait_until(lambda: [c for c in panel.column_of('Charger') if c != '…'],
                              'the rows of %s' % shown)
        check(set(chargers) == {shown}, 'every row is of %s' % shown)
        console.quit()
    finally:
        console.kill()


if __name__ == '__main__':
    main()
