# bench_session_log.py — opening Sessions on 200,000 sessions: the time from Ctrl+3 to the
# count and to the first loaded rows, the time to the last rows after Ctrl+End, and the
# console's memory before, after opening and after reaching the end. Figures only, no
# assertion about time: machines are noisy. Times are read through the accessibility
# tree, polled every 20 ms: they include AT-SPI's own latency, so they are upper bounds.
#
# Run as a benchmark (tests/gui/meson.build): meson test -C build --benchmark bench_session_log
# OKC_BENCH_SESSIONS (default 200000) changes the size.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import time

import test_session_log as log
from okc_gui import BACKEND_URL, Console, press, wait_until

SESSIONS = int(os.environ.get('OKC_BENCH_SESSIONS', '200000'))


def rss_mib(pid):
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    return float('nan')


def timed(predicate, what, timeout=120):
    start = time.monotonic()
    deadline = start + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return time.monotonic() - start
        except Exception:   # a node that went away while we looked at it
            pass
        time.sleep(0.02)
    raise SystemExit('bench: timed out waiting for ' + what)


def main():
    log.WANTED = SESSIONS
    log.grow_sessions()
    total = log.sql_value('SELECT COUNT (*) FROM sessions')
    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', 'alex.rivera@ok2charge.example',
                      env=env)
    try:
        wait_until(console.ticket_rows, 'the queue', timeout=60)
        before = rss_mib(console.process.pid)
        count_text = log.grouped(total) + ' sessions'

        start = time.monotonic()
        press('<Control>3')
        panel = log.Panel(console)
        timed(lambda: panel.count() == count_text, 'the count')
        to_count = time.monotonic() - start
        timed(lambda: [t for t in panel.column_of('Started') if log.TIME.match(t)],
              'the first rows')
        to_rows = time.monotonic() - start
        opened = rss_mib(console.process.pid)

        cell = wait_until(lambda: panel.table.findChild(
            lambda n: n.roleName == 'label' and n.visible and log.TIME.match(n.name or ''),
            retry=False, requireResult=False), 'a row')
        cell.click()
        oldest = log.sql_value('SELECT MIN (started_at) FROM sessions')
        oldest_text = time.strftime('%Y-%m-%d %H:%M', time.localtime(oldest))
        press('<Control>End')
        to_end = timed(lambda: oldest_text in panel.column_of('Started'), 'the last rows')
        end = rss_mib(console.process.pid)

        print('sessions: %d' % total)
        print('Ctrl+3 to the count (“%s”): %.0f ms' % (count_text, to_count * 1000))
        print('Ctrl+3 to the first loaded rows: %.0f ms' % (to_rows * 1000))
        print('Ctrl+End to the last rows loaded: %.0f ms' % (to_end * 1000))
        print('console RSS: %.1f MiB before, %.1f MiB with Sessions open, %.1f MiB at the end'
              % (before, opened, end))
        console.quit()
    finally:
        console.kill()


if __name__ == '__main__':
    main()
