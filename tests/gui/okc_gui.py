# okc_gui.py — what the console's GUI tests share: starting the console, waiting for
# what a user would wait for, finding widgets by the names a screen reader announces.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import atexit
import json
import os
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request

from dogtail.config import config

config.checkForA11y = False     # GTK 4 always talks to the accessibility bus
config.searchCutoffCount = 40   # a search retries for about 20 s before it fails
config.logDebugToFile = False
config.logDebugToStdOut = False

from dogtail import rawinput, tree  # noqa: E402 (after the configuration)
import pyatspi  # noqa: E402
from pyatspi import STATE_ACTIVE  # noqa: E402

# AT-SPI gives an application 0.8 s to answer a call. A console built with the
# sanitizers, refiltering its queue on a loaded CI machine, can take longer: the call
# would fail though the console is fine. Ten seconds still catches a console that hangs.
pyatspi.setTimeout(10000, 15000)


def _report_exception(kind, value, traceback):
    """dogtail sends uncaught exceptions to its debug log, which is off: a test that
    failed by an exception would say nothing. Print it, with the screen."""
    path = screenshot('failure')
    sys.__excepthook__(kind, value, traceback)
    if path:
        print('(screen: %s)' % path, file=sys.stderr)


sys.excepthook = _report_exception

BACKEND_URL = os.environ['OKC_TEST_BACKEND_URL']
CONSOLE = os.environ['OKC_CONSOLE_PATH']
WORK_DIR = os.environ['OKC_TEST_WORK_DIR']
TIMEOUT = 30.0
STARTED = time.monotonic()


def _report_cost():
    """A figure, not a check: on a shared machine the wall-clock time says as much about
    the other jobs as about the test, the processor time spent walking the accessibility
    tree (here and in the consoles, which answer every call) says what the test costs."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    consoles = resource.getrusage(resource.RUSAGE_CHILDREN)
    print('cost: %.1f s wall, processor %.1f s in the test, %.1f s in the consoles' %
          (time.monotonic() - STARTED, own.ru_utime + own.ru_stime,
           consoles.ru_utime + consoles.ru_stime))


atexit.register(_report_cost)


def screenshot(name):
    """Saves the screen to OKC_TEST_ARTIFACTS/name.png, to see what a failure looked like."""
    directory = os.environ.get('OKC_TEST_ARTIFACTS')
    if not directory:
        return None
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name + '.png')
    subprocess.run(['import', '-window', 'root', path], check=False)
    return path


def fail(message):
    path = screenshot('failure')
    print('FAIL: ' + message + (' (screen: %s)' % path if path else ''), file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    # The seconds since the test started: where a slow test spends its time.
    print('ok: [%6.1f s] %s' % (time.monotonic() - STARTED, message))


def wait_until(predicate, what, timeout=TIMEOUT):
    """Polls predicate until it returns something true; fails the test after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:   # a node that went away while we looked at it
            value = None
        if value:
            return value
        time.sleep(0.2)
    fail('timed out waiting for ' + what)


def _descendants(node, predicate):
    """The descendants matching predicate, in the order findChildren lists them, one at a
    time: a caller that stops at the first it wants does not walk the rest."""
    for child in node:
        try:
            matches = predicate(child)
        except Exception:   # as findChildren: a node the predicate cannot read is no match
            matches = False
        if matches:
            yield child
        yield from _descendants(child, predicate)


class Console:
    """One run of ok2charge-console, and its accessible application node."""

    def __init__(self, *args, env=None):
        log = open(os.path.join(WORK_DIR, 'console.log'), 'a')
        self._regions = {}
        self.process = subprocess.Popen([CONSOLE, *args], env=env or dict(os.environ),
                                        stdout=log, stderr=subprocess.STDOUT)
        self.app = wait_until(self._find_application, 'the console to start')
        self.wait_active()

    def wait_active(self):
        """Keys typed before the window has the keyboard would go nowhere."""
        wait_until(lambda: any(f.roleName == 'frame' and f.getState().contains(STATE_ACTIVE)
                               for f in self.app.children),
                   'the console’s window to be active')

    def _find_application(self):
        # Two consoles may run at once (--standalone): each is found by its process.
        for app in tree.root.applications():
            if (app.name == 'ok2charge-console' and self.process.poll() is None and
                    app.get_process_id() == self.process.pid):
                return app
        return None

    # Every search walks the accessibility tree one D-Bus call per node and property,
    # and the window holds every page (the queue's rows among them): a test that knows
    # where to look passes within=, a node found before (a panel, a dialog), and only
    # that subtree is walked.
    def find(self, predicate, what, timeout=TIMEOUT, within=None):
        root = within or self.app
        return wait_until(lambda: root.findChild(predicate, retry=False, requireResult=False),
                          what, timeout)

    def find_all(self, predicate, within=None):
        return (within or self.app).findChildren(predicate)

    # GTK 4.8 reports VISIBLE but never SHOWING: a widget on a stack page that is not
    # shown still counts as visible. Tests tell the pages apart by their content.
    def named(self, name, role=None, timeout=TIMEOUT, within=None):
        return self.find(lambda n: n.name == name and (role is None or n.roleName == role)
                         and n.visible, '“%s”' % name, timeout, within)

    def label_starting(self, prefix, timeout=TIMEOUT, within=None):
        return self.find(lambda n: n.roleName == 'label' and n.name.startswith(prefix)
                         and n.visible, 'a label starting “%s”' % prefix, timeout, within)

    def button(self, name, timeout=TIMEOUT, within=None):
        # GTK 4.8 announces a button with an accessible label as that label followed by
        # its visible text ("Sign in Sign In").
        return self.find(lambda n: n.roleName == 'push button' and
                         (n.name == name or n.name.startswith(name + ' ')) and n.visible,
                         'the “%s” button' % name, timeout, within)

    def click(self, predicate, what, timeout=TIMEOUT, within=None):
        """Clicks the first visible node matching predicate that takes a click. A menu
        button is two nodes of one name, only the inner one clickable; and AT-SPI may
        still hand out a node whose widget was just rebuilt (a popover's items as it
        opens): such a dead node refuses the click, and the search starts again."""
        def click_node(node):
            try:
                return node.doActionNamed('click') is not False
            except Exception:
                return False

        def click_live_node():
            # The predicate before the state: most nodes fail it at their role, one call.
            for node in _descendants(within or self.app, lambda n: predicate(n) and n.visible):
                if click_node(node) or any(click_node(child) for child in node.children
                                           if 'button' in child.roleName):
                    return True
            return False
        wait_until(click_live_node, what, timeout)

    def click_button(self, name, timeout=TIMEOUT, within=None):
        self.click(lambda n: n.roleName in ('push button', 'toggle button') and
                   (n.name == name or n.name.startswith(name + ' ')),
                   'the “%s” button' % name, timeout, within)

    def region(self, key, predicate, what, levels=0):
        """A part of the window found once and remembered: the node matching predicate,
        or its ancestor `levels` up. The window's widgets live as long as it does, so
        the node stays good; later searches pass it as within=."""
        if key not in self._regions:
            node = self.find(predicate, what)
            for _ in range(levels):
                node = node.parent
            self._regions[key] = node
        return self._regions[key]

    def queue(self):
        """The list of tickets (its rows, nothing else)."""
        return self.region('queue', lambda n: n.roleName == 'list' and n.name == 'Tickets',
                           'the ticket queue')

    def queue_view(self):
        """The queue with its header (title, count, sort, search, bulk bar, banner)."""
        # list → scrolled window → stack page → stack → the queue view
        return self.region('queue-view', lambda n: n.roleName == 'list' and
                           n.name == 'Tickets', 'the queue view', levels=4)

    def tickets_page(self):
        """The page of the queue view and the open ticket beside it."""
        return self.region('tickets-page', lambda n: n.roleName == 'list' and
                           n.name == 'Tickets', 'the tickets page', levels=5)

    def ticket_view(self):
        """The open ticket: the tickets page's other side. GTK names a widget without an
        accessible name by its type."""
        if 'ticket-view' not in self._regions:
            self._regions['ticket-view'] = wait_until(
                lambda: next((c for c in self.tickets_page().children
                              if c.name == 'OkcTicketView'), None), 'the ticket view')
        return self._regions['ticket-view']

    def sidebar(self):
        """The sidebar's lists: the queue's views, the fleet's and billing's entries."""
        # list → the sidebar's box that holds every list
        return self.region('sidebar', lambda n: n.roleName == 'list' and
                           n.name == 'Queue views', 'the sidebar', levels=1)

    def _main_stack(self):
        # the sidebar's box → viewport → scrolled window → sidebar → the main page's box
        # → its stack page → the window's stack of pages (starting, sign-in, main)
        if 'main-stack' not in self._regions:
            node = self.sidebar()
            for _ in range(6):
                node = node.parent
            self._regions['main-stack'] = node
        return self._regions['main-stack']

    def toasts(self, predicate):
        """The nodes matching predicate among the window's toasts: everything of the
        window but its stack of pages, where a toast never is. A toast lasts seconds; a
        walk of the whole window, its pages first, can take longer than that."""
        found = []
        node = self._main_stack()
        while node.roleName not in ('frame', 'application'):
            skip = node.getIndexInParent()
            node = node.parent
            for index, other in enumerate(node):
                if index != skip:
                    found.extend(([other] if predicate(other) else []) +
                                 other.findChildren(predicate))
        return found

    def toast(self, predicate, what, timeout=TIMEOUT):
        return wait_until(lambda: next(iter(self.toasts(predicate)), None), what, timeout)

    def ticket_rows(self):
        return self.find_all(lambda n: n.roleName == 'panel' and ' priority: ' in n.name,
                             within=self.queue())

    def quit(self):
        rawinput.keyCombo('<Control>q')
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            fail('the console did not quit on Ctrl+Q')
        if self.process.returncode != 0:
            with open(os.path.join(WORK_DIR, 'console.log'), errors='replace') as log:
                print(''.join(log.readlines()[-40:]), file=sys.stderr)
        check(self.process.returncode == 0,
              'the console quit cleanly (exit status %d)' % self.process.returncode)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def type_text(text):
    rawinput.typeText(text)


def press(combo):
    rawinput.keyCombo(combo)


class Api:
    """The backend's HTTP API, signed in as the agent the console runs as."""

    def __init__(self, email, password):
        self.token = None
        self.token = self.call('POST', '/v1/auth/sign-in',
                               {'email': email, 'password': password})['token']

    def call(self, method, path, body=None):
        request = urllib.request.Request(BACKEND_URL + path, method=method,
                                         data=json.dumps(body).encode() if body else None)
        request.add_header('Content-Type', 'application/json')
        if self.token:
            request.add_header('Authorization', 'Bearer ' + self.token)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                data = response.read()
        except urllib.error.HTTPError as error:
            if method == 'DELETE' and error.code == 404:
                return None     # no fault to clear
            fail('%s %s answered %d: %s' % (method, path, error.code, error.read().decode()))
        return json.loads(data) if data else None

    def charger(self, charger_id):
        return self.call('GET', '/v1/chargers/' + charger_id)

    def wait_status(self, charger_id, status, timeout=60):
        return wait_until(lambda: self.charger(charger_id)['status'] == status,
                          '%s to be %s in the backend' % (charger_id, status), timeout)

    def set_cause(self, charger_id, cause):
        self.call('POST', '/v1/simulator/chargers/%s/faults' % charger_id,
                  {'cause': cause, 'connector_id': 1})

    def clear_cause(self, charger_id):
        self.call('DELETE', '/v1/simulator/chargers/%s/faults' % charger_id)
