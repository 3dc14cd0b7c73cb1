#!/usr/bin/env python3
# bench-console.py — the console over a 100,000-ticket store, beside its bare baselines.
#
# Prints, with units: launch to the first painted queue, search latency per keystroke
# (median and worst), the console's memory; and next to each the same figure for an
# empty GTK window (bare-window) and for the raw FTS5 query in the sqlite3 tool. It
# asserts nothing about time: machines are noisy.
#
# Run by meson (tests/bench/meson.build): meson test -C build --benchmark --suite bench
# Environment: OKC_BACKEND_PATH, OKC_CONSOLE_PATH, OKC_BARE_WINDOW_PATH,
# OKC_SEARCH_EXPR_PATH, OKC_SCHEMA_DIR; OKC_BENCH_LAUNCHES (default 5) and
# OKC_BENCH_TICKETS (default 100000) to change the run.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import glob
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

TICKETS = int(os.environ.get('OKC_BENCH_TICKETS', '100000'))
LAUNCHES = int(os.environ.get('OKC_BENCH_LAUNCHES', '5'))
USER = 'alex.rivera@ok2charge.example'
PASSWORD = 'demo-agent'
# What agents type: a fee, an action, a fault, a PMS, a requester's name.
QUERIES = ['idle fee', 'refund', 'offline', 'guesty', 'rivera']

started = time.monotonic()
# meson stops a benchmark past its timeout with SIGTERM: clean up all the same.
signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit('bench: stopped'))
work = tempfile.mkdtemp(prefix='okc-bench.')
children = []


def log(message):
    print('[%6.1f s] %s' % (time.monotonic() - started, message), flush=True)


def spawn(args, **kwargs):
    process = subprocess.Popen(args, **kwargs)
    children.append(process)
    return process


def stop(process, timeout=10):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(what, condition, timeout, process=None):
    """Polls condition() until it returns something true; fails past timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            for trace in glob.glob(os.path.join(work, 'trace-*.log')):
                sys.stderr.write(read(trace)[-4000:])
            sys.exit('bench: %s: the process ended (%d) first' % (what, process.returncode))
        if time.monotonic() > deadline:
            for trace in glob.glob(os.path.join(work, 'trace-*.log')):
                sys.stderr.write(read(trace)[-2000:])
            subprocess.run(['import', '-window', 'root', '/tmp/okc-bench-fail.png'], env=env)
            sys.exit('bench: no %s after %d s' % (what, timeout))
        time.sleep(0.02)


def read(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read()
    except FileNotFoundError:
        return ''


def memory(pid):
    """VmRSS and VmHWM of pid, in KiB."""
    fields = dict(re.findall(r'^(Vm\w+):\s+(\d+) kB', read('/proc/%d/status' % pid), re.M))
    return int(fields.get('VmRSS', 0)), int(fields.get('VmHWM', 0))


def trace_lines(path, kind):
    return re.findall(r'^okc-bench: %s (.*)$' % kind, read(path), re.M)


def xdotool(*args):
    subprocess.run(['xdotool'] + list(args), check=True, env=env)


def window_of(pid):
    def found():
        result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid)],
                                capture_output=True, text=True, env=env)
        ids = result.stdout.split()
        return ids[-1] if ids else None
    return wait_for('window of %d' % pid, found, 30)


# A home, a display, a session bus and a keyring of the bench's own, as the GUI tests have.
env = dict(os.environ)
for name in ('home', 'runtime'):
    os.makedirs(os.path.join(work, name), mode=0o700)
env.update(HOME=os.path.join(work, 'home'), XDG_RUNTIME_DIR=os.path.join(work, 'runtime'),
           XDG_DATA_HOME=os.path.join(work, 'home/.local/share'),
           XDG_CONFIG_HOME=os.path.join(work, 'home/.config'),
           XDG_CACHE_HOME=os.path.join(work, 'home/.cache'))
try:
    # Other X servers start beside this one: one that lost the race for a display
    # number ends, and another try picks the next free one.
    for attempt in range(5):
        read_fd, write_fd = os.pipe()
        xvfb = spawn(['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1440x900x24',
                      '-nolisten', 'tcp'], pass_fds=[write_fd], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
        os.close(write_fd)
        env['DISPLAY'] = ':' + os.read(read_fd, 64).decode().strip()
        os.close(read_fd)
        deadline = time.monotonic() + 30
        while (xvfb.poll() is None and time.monotonic() < deadline and
               subprocess.run(['xdotool', 'getdisplaygeometry'], env=env,
                              capture_output=True).returncode != 0):
            time.sleep(0.05)
        if xvfb.poll() is None:
            break
    else:
        sys.exit('bench: no X server could start')

    bus = spawn(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                stdout=subprocess.PIPE, text=True, env=env)
    env['DBUS_SESSION_BUS_ADDRESS'] = bus.stdout.readline().strip()
    subprocess.run(['gnome-keyring-daemon', '--unlock', '--components=secrets'],
                   input='bench-keyring-password', text=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # Both programs alike: the same display and renderer, no accessibility bus, no leak
    # report at exit (the unit suites check leaks).
    env.update(GSK_RENDERER='cairo', GDK_BACKEND='x11', GTK_A11Y='none', NO_AT_BRIDGE='1',
               GTK_IM_MODULE='gtk-im-context-simple',
               GSETTINGS_BACKEND='keyfile', GSETTINGS_SCHEMA_DIR=os.environ['OKC_SCHEMA_DIR'],
               ASAN_OPTIONS='detect_leaks=0', G_DEBUG='')
    env.pop('G_MESSAGES_DEBUG', None)

    # The backend's 100,000 tickets.
    database = os.path.join(work, 'backend.sqlite')
    backend_log = os.path.join(work, 'backend.log')
    log('generating %d tickets in the backend' % TICKETS)
    t0 = time.monotonic()
    with open(backend_log, 'w') as out:
        backend = spawn([os.environ['OKC_BACKEND_PATH'], '--database', database, '--listen',
                         '127.0.0.1:0', '--demo', '--seed', '7', '--tickets', str(TICKETS)],
                        stdout=out, stderr=subprocess.STDOUT, env=env)
    url = wait_for('backend address',
                   lambda: (re.findall(r'^Listening on (\S+)', read(backend_log), re.M) or
                            [None])[0], 1800, backend)
    generate_s = time.monotonic() - t0
    log('backend on %s after %.1f s' % (url, generate_s))

    console_env = dict(env, OKC_PASSWORD=PASSWORD, OKC_BENCH_TRACE='1')
    console_args = [os.environ['OKC_CONSOLE_PATH'], '--backend-url', url, '--user', USER]
    store_glob = os.path.join(env['XDG_DATA_HOME'], 'ok2charge-console', 'accounts', '*.sqlite')

    def store_count():
        stores = glob.glob(store_glob)
        if not stores:
            return 0
        result = subprocess.run(['sqlite3', '-readonly', stores[0],
                                 '.timeout 2000', 'SELECT count(*) FROM ticket_ids'],
                                capture_output=True, text=True)
        return int(result.stdout.strip() or 0) if result.returncode == 0 else 0

    def launch(n, args, run_env):
        trace = os.path.join(work, 'trace-%s.log' % n)
        out = open(trace, 'w')
        process = spawn(args, stdout=subprocess.DEVNULL, stderr=out, env=run_env)
        out.close()
        return process, trace

    def quit_console(process):
        window = window_of(process.pid)
        xdotool('windowfocus', '--sync', window)
        xdotool('key', '--clearmodifiers', 'ctrl+q')
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            log('Ctrl+Q did not quit the console; stopping it')
            stop(process)

    # First launch: sign in and sync the whole queue into the console's store.
    log('first launch: syncing %d tickets into the console store' % TICKETS)
    t0 = time.monotonic()
    console, trace = launch('sync', console_args, console_env)
    # The store keeps the queue it syncs (not every resolved ticket): it is complete once
    # its count has stopped growing for a while after the first painted rows.
    wait_for('console first-paint', lambda: trace_lines(trace, 'first-paint'), 600, console)
    last = {'count': -1, 'since': time.monotonic()}

    def settled():
        count = store_count()
        if count != last['count']:
            last.update(count=count, since=time.monotonic())
        return count > 0 and time.monotonic() - last['since'] > 5
    wait_for('synced store', settled, 1800, console)
    sync_s = time.monotonic() - t0
    stored = store_count()
    log('store holds %d tickets after %.1f s' % (stored, sync_s))
    quit_console(console)
    store = glob.glob(store_glob)[0]

    # Cold-ish launches of the console: from its store, then the searches typed.
    console_paint, console_rows, console_rss, console_rss_after, console_hwm = [], [], [], [], []
    searches = {q: [] for q in QUERIES}
    for n in range(LAUNCHES):
        console, trace = launch('console-%d' % n, console_args, console_env)
        line = wait_for('console first-paint', lambda: trace_lines(trace, 'first-paint'), 120,
                        console)[0]
        ms, rows = re.match(r'([\d.]+) rows=(\d+)', line).groups()
        console_paint.append(float(ms))
        console_rows.append(int(rows))
        console_rss.append(memory(console.pid)[0])
        window = window_of(console.pid)
        xdotool('windowfocus', '--sync', window)
        for query in QUERIES:
            xdotool('key', '--clearmodifiers', 'ctrl+f')
            for i in range(1, len(query) + 1):
                typed = query[:i]
                if typed.endswith(' '):
                    xdotool('key', '--clearmodifiers', 'space')
                    continue  # the words are the same: the search runs at the next letter
                seen = len(trace_lines(trace, 'search'))
                xdotool('key', '--clearmodifiers', query[i - 1])
                pattern = re.compile(r'^"%s" ([\d.]+) matches=(\d+)$' % re.escape(typed))

                def done():
                    for entry in trace_lines(trace, 'search')[seen:]:
                        found = pattern.match(entry)
                        if found:
                            return found
                    return None
                # A key sent while the search bar still opens can be lost: type the
                # words again then.
                deadline = time.monotonic() + 5
                while not done() and time.monotonic() < deadline:
                    time.sleep(0.02)
                if not done():
                    log('retyping "%s"' % typed)
                    xdotool('key', '--clearmodifiers', 'ctrl+f')
                    for c in typed:
                        xdotool('key', '--clearmodifiers', 'space' if c == ' ' else c)
                found = wait_for('search line for "%s"' % typed, done, 60, console)
                searches[query].append((typed, float(found.group(1)), int(found.group(2))))
            xdotool('key', '--clearmodifiers', 'Escape')
        rss, hwm = memory(console.pid)
        console_rss_after.append(rss)
        console_hwm.append(hwm)
        quit_console(console)
        log('console launch %d: first paint %.0f ms, %d rows' % (n + 1, float(ms), int(rows)))

    # Baseline: the empty GTK window, the same way.
    bare_paint, bare_rss, bare_hwm = [], [], []
    for n in range(LAUNCHES):
        bare, trace = launch('bare-%d' % n, [os.environ['OKC_BARE_WINDOW_PATH']], env)
        line = wait_for('bare first-paint', lambda: trace_lines(trace, 'first-paint'), 60,
                        bare)[0]
        bare_paint.append(float(line.split()[0]))
        rss, hwm = memory(bare.pid)
        bare_rss.append(rss)
        bare_hwm.append(hwm)
        stop(bare)

    # Baseline: the store's own query per keystroke, in the sqlite3 tool on the real store.
    raw = {}
    for query in QUERIES:
        typed = [query[:i] for i in range(1, len(query) + 1) if not query[:i].endswith(' ')]
        expressions = subprocess.run([os.environ['OKC_SEARCH_EXPR_PATH']] + typed,
                                     capture_output=True, text=True,
                                     check=True).stdout.split('\n')[:len(typed)]
        script = ['.timer on', '.output /dev/null']
        for _ in range(LAUNCHES):
            for expression in expressions:
                if expression:
                    script.append("SELECT ticket_ids.id FROM tickets_fts CROSS JOIN ticket_ids "
                                  "ON ticket_ids.ticket_rowid = tickets_fts.rowid WHERE "
                                  "tickets_fts MATCH '%s';" % expression.replace("'", "''"))
                else:
                    script.append('SELECT id FROM ticket_ids;')
        result = subprocess.run(['sqlite3', '-readonly', store], input='\n'.join(script) + '\n',
                                capture_output=True, text=True, check=True)
        raw[query] = [float(s) * 1000 for s in re.findall(r'Run Time: real ([\d.]+)',
                                                          result.stdout)]

    # The table.
    def ms(values):
        return '%7.1f ms / %7.1f ms' % (statistics.median(values), max(values))

    def mib(values):
        return '%7.1f MiB' % (statistics.median(values) / 1024)

    sanitized = 'asan' in subprocess.run(['ldd', os.environ['OKC_CONSOLE_PATH']],
                                         capture_output=True, text=True).stdout
    print()
    print('OK2Charge console bench — %s, %d CPUs, %d tickets in the backend, %d in the '
          'console store, %d launches each%s' % (
        datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
        os.cpu_count(), TICKETS, stored, LAUNCHES,
        ', console built with ASan+UBSan' if sanitized else ''))
    print('Xvfb, GSK_RENDERER=cairo, no accessibility bus; times are median / worst')
    print()
    print('%-34s %-24s %-24s' % ('figure', 'console', 'bare baseline'))
    print('%-34s %-24s %-24s' % ('launch to first painted queue', ms(console_paint),
                                 ms(bare_paint) + ' (empty window)'))
    print('%-34s %-24s' % ('  rows in that first frame', '%d' % min(console_rows)))
    for query in QUERIES:
        times = [t for _, t, _ in searches[query]]
        matches = searches[query][-1][2]
        print('%-34s %-24s %-24s' % ('search "%s" per keystroke' % query, ms(times),
                                     ms(raw[query]) + ' (sqlite3 FTS5)'))
        print('%-34s %-24s' % ('  matches for the whole words', '%d' % matches))
    every = [t for q in QUERIES for _, t, _ in searches[q]]
    every_raw = [t for q in QUERIES for t in raw[q]]
    print('%-34s %-24s %-24s' % ('search, every keystroke', ms(every),
                                 ms(every_raw) + ' (sqlite3 FTS5)'))
    print('%-34s %-24s %-24s' % ('memory VmRSS once painted', mib(console_rss),
                                 mib(bare_rss) + ' (empty window)'))
    print('%-34s %-24s' % ('memory VmRSS after the searches', mib(console_rss_after)))
    print('%-34s %-24s %-24s' % ('memory VmHWM (peak)', mib(console_hwm),
                                 mib(bare_hwm) + ' (empty window)'))
    print()
    print('setup, not measured above: generating %d tickets in the backend %.0f s, first '
          'sync into the console store %.0f s, whole bench %.0f s' % (
              TICKETS, generate_s, sync_s, time.monotonic() - started))
    print('search times run from the entry\'s search-changed (after GTK\'s typing delay) to '
          'the filtered queue; sqlite3 times are its .timer (1 ms resolution)')
finally:
    for child in reversed(children):
        stop(child)
    shutil.rmtree(work, ignore_errors=True)
