# test_accessibility.py — every view of the console, and every dialog one button away,
# walked through the accessibility tree a screen reader reads: the test fails on each
# control a screen reader would announce without a name ("view › role › parent path"),
# on a picture that tells something with neither name nor description, and on a chart
# whose description is not announced. Then a keyboard-only flow (a ticket opened and one
# of its dialogs opened and shut with keys alone, the focus followed through AT-SPI), and
# screenshots of the main views in light and dark.
#
# A new view is one line in VIEWS: its title, how to get there, the window to walk, and
# the dialogs its buttons open.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import time
import urllib.parse

import pyatspi
from okc_gui import (Api, BACKEND_URL, Console, check, fail, press, screenshot, type_text,
                     wait_until)
from test_billing_dispute import click_within, within

SUPERVISOR = 'morgan.blake@ok2charge.example'

# The roles a person acts on or types into. A list item counts when it takes the focus
# (a row that opens something); a list of text lines does not.
CONTROL_ROLES = {
    'push button', 'toggle button', 'check box', 'radio button', 'menu item',
    'check menu item', 'radio menu item', 'combo box', 'text', 'entry', 'password text',
    'spin button', 'slider', 'switch', 'link', 'page tab', 'toggle', 'tree item',
    'list item', 'menu',
}
FOCUS_ONLY_ROLES = {'list item', 'tree item'}
# A table's row is announced by its cells, each under its column's header (as in an ARIA
# grid): its own name is not asked for; an unnamed control in a cell is.
# A picture inside a named row, button or field repeats what that name says.
NAMING_ROLES = {'list item', 'push button', 'toggle button', 'text', 'combo box', 'panel',
                'table cell'}
# Charts draw what they tell: their description is what a screen reader says of them.
CHARTS = {'Power over time', 'Revenue by day'}
# GTK 4.8 calls a widget that has no accessible name by its type ("GtkImage").
TYPE_NAME = re.compile(r'^(Gtk|Adw|Okc)[A-Z][A-Za-z]*$')


def unnamed(name):
    return not name or not name.strip() or bool(TYPE_NAME.match(name))


def state(node):
    try:
        return node.getState()
    except Exception:
        return None


def showing(node):
    """GTK 4.8 says VISIBLE of a stack's hidden page, and never SHOWING: a node with no
    area on screen is not shown (a stack page's GtkStackPage has no area at all: look in)."""
    try:
        size = node.size
    except Exception:
        return True
    return size is None or (size[0] > 0 and size[1] > 0)


def describe(node):
    try:
        return node.description or ''
    except Exception:
        return ''


def path_of(node, root):
    """The named ancestors from the walked window down to the node's parent."""
    names = []
    node = node.parent
    while node is not None and node != root:
        try:
            if not unnamed(node.name):
                names.append('%s “%s”' % (node.roleName, node.name))
        except Exception:
            break
        node = node.parent
    return ' › '.join(reversed(names)) or '(top)'


def walk(root):
    """The problems of what root shows, as (role, path, what is wrong)."""
    problems = []
    charts = {}

    def visit(node):
        try:
            role = node.roleName
            name = node.name
        except Exception:
            return   # a node that went away as we looked
        if role in ('frame', 'dialog', 'window', 'application') and node != root:
            return   # another window: it has its own view
        if not showing(node):
            return
        if role in CONTROL_ROLES and unnamed(name):
            st = state(node)
            if role not in FOCUS_ONLY_ROLES or (st and st.contains(pyatspi.STATE_FOCUSABLE)):
                problems.append((role, path_of(node, root), 'no name'))
        if role == 'image':
            if name in CHARTS:
                charts[name] = describe(node)
                if not describe(node):
                    problems.append((role, path_of(node, root) + ' › ' + name,
                                     'a chart with no description'))
            elif unnamed(name) and not describe(node):
                # An icon beside words repeats them, one in a named row or field repeats
                # its name (a screen reader says that); one alone tells something.
                parent = node.parent
                siblings = [s for s in parent if s != node] if parent else []
                near, up = [], parent
                while up is not None and up != root:
                    near.append(up)
                    up = up.parent
                if not any(s.roleName == 'label' and s.name for s in siblings) and \
                        not any(a.roleName in NAMING_ROLES and not unnamed(a.name)
                                for a in near):
                    problems.append((role, path_of(node, root), 'a picture with no name'))
        if role == 'combo box' and not unnamed(name):
            return   # its parts (the chosen item, the arrow) are announced as the combo
        for child in node:
            visit(child)
    visit(root)
    return problems, charts


class Walk:
    def __init__(self, console):
        self.console = console
        self.failures = []
        self.visited = []

    def check_view(self, title, root, charts=()):
        time.sleep(0.5)   # let a page that just opened fill in
        problems, found = walk(root)
        for chart in charts:
            if chart not in found:
                problems.append(('image', title, 'the chart “%s” is not shown' % chart))
            else:
                print('ok: %s: the chart “%s” is announced as “%s”' % (title, chart,
                                                                       found[chart][:90]))
        for role, path, what in problems:
            self.failures.append('%s › %s › %s (%s)' % (title, role, path, what))
            print('  unnamed: ' + self.failures[-1])
        self.visited.append(title)
        print('ok: walked %s: %d unnamed' % (title, len(problems)))

    def check_dialog(self, title, opener, dialog_name):
        """Opens a dialog by its button, walks it, shuts it with Escape."""
        opener()
        dialog = self.console.find(
            lambda n: n.roleName in ('dialog', 'frame', 'window') and n.name.startswith(dialog_name),
            'the dialog “%s”' % dialog_name)
        self.check_view(title, dialog)
        press('Escape')
        # A window kept for later stays in the tree, still "visible": it is shut when
        # it no longer has the keyboard.
        wait_until(lambda: not state(dialog).contains(pyatspi.STATE_ACTIVE),
                   'Escape to close “%s”' % dialog_name)
        refocus(self.console)


def refocus(console):
    """The test's X server has no window manager to give the keyboard back to the window
    under a dialog that closed: xdotool does."""
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        if any(state(f).contains(pyatspi.STATE_ACTIVE) for f in console.app.children):
            return
        time.sleep(0.2)
    subprocess.run(['xdotool', 'search', '--name', '^OK2Charge Agent Console$',
                    'windowfocus', '--sync'], check=False, timeout=10)
    console.wait_active()


def main_window(console):
    return next(f for f in console.app.children if f.name == 'OK2Charge Agent Console')


def window_named(console, name):
    return console.find(lambda n: n.roleName in ('frame', 'dialog', 'window') and
                        n.name == name, 'the window “%s”' % name)


def close_window(console, window):
    console.click_button('Close', within=window)


def sidebar_row(console, title):
    return console.find(lambda n: n.roleName == 'list item' and
                        (n.name == title or n.name.startswith(title + ',')),
                        'the sidebar’s “%s”' % title, within=console.sidebar())


def select_row(console, title):
    row = sidebar_row(console, title)
    if not row.select():
        row.click()


def menu_item(console, name):
    console.click_button('More ticket actions')
    console.click(lambda n: n.name.startswith(name), '%s in the menu' % name)


def open_session(console, main):
    """The session log's first row, opened with Return."""
    table = console.find(lambda n: n.name == 'Sessions' and n.roleName in ('tree table', 'table'),
                         'the session log', within=main)
    cell = console.find(lambda n: n.roleName == 'table cell', 'a session in the log',
                        within=table)
    cell.click()
    press('Return')
    console.find(lambda n: n.roleName == 'label' and n.name.startswith('SES-') and
                 n.parent.roleName != 'table cell', 'the session’s page', within=main)
    return main


def first_request(console, main):
    requests = console.find(lambda n: n.name == 'Refund requests' and n.roleName == 'list',
                            'the refund requests', within=main)
    deadline = time.monotonic() + 5
    while requests.childCount == 0 and time.monotonic() < deadline:
        time.sleep(0.3)
    if requests.childCount == 0:
        print('note: no refund waits for approval in the demo: its dialog is not walked')
        return False
    requests[0].select()
    console.find(lambda n: n.name == 'Findings' and n.roleName == 'list', 'the request’s findings',
                 within=main)
    return True


def open_ticket(console, ticket_id):
    press('<Control>1')
    select_row(console, 'All open')
    press('<Control>f')
    press('<Control>a')
    type_text(ticket_id)

    def opened():
        rows = console.ticket_rows()
        if not rows:
            return None
        rows[0].parent.select()
        return console.ticket_view().findChild(lambda n: n.roleName == 'label' and
                                               n.name == ticket_id, retry=False,
                                               requireResult=False)
    wait_until(opened, 'the ticket %s to open' % ticket_id)
    press('Escape')   # ends the search


def first_ticket(api, topic, accept=lambda t: True):
    page = api.call('GET', '/v1/tickets?limit=200&status=new,open&topic=' + topic)
    for ticket in page['tickets']:
        if accept(ticket):
            return ticket
    fail('the demo has no open %s ticket' % topic)


def account_ticket(api):
    for topic in ('cancel-or-delete', 'change-email'):
        page = api.call('GET', '/v1/tickets?limit=200&status=new,open&topic=' + topic)
        for ticket in page['tickets']:
            fields = ticket.get('fields') or {}
            contact = (fields.get('account_contact') or fields.get('current_email') or
                       (ticket.get('requester') or {}).get('email'))
            if not contact:
                continue
            found = api.call('GET', '/v1/accounts?q=' + urllib.parse.quote(contact))['accounts']
            if any(a['status'] == 'active' for a in found):
                account = next(a for a in found if a['status'] == 'active')
                return ticket, account
    fail('the demo has no topic-6 or -7 ticket of an active account')


def payout_ticket(api):
    page = api.call('GET', '/v1/tickets?topic=payouts-reporting&limit=200')
    for ticket in page['tickets']:
        ids = ticket['fields'].get('payout_ids') or []
        if not ids or not ticket.get('property'):
            continue
        report = api.call('GET', '/v1/payouts/%s/reconciliation' % ids[0])
        if (report['totals']['difference']['amount'] < 0 and not report['adjustments'] and
                report['payout']['status'] in ('paid', 'in_transit')):
            return ticket, ids[0]
    fail('the demo has no topic-10 ticket naming a payout paid short')


def keyboard_flow(console, ticket_id):
    """From the queue with keys alone: the search finds the ticket, Down and Return open
    it, Tab reaches its actions, Return on Hard Reset opens its confirmation, Escape shuts
    it (nothing is sent)."""
    press('<Control>1')
    queue = console.queue()
    press('<Control>f')
    press('<Control>a')
    type_text(ticket_id)
    wait_until(lambda: len(console.ticket_rows()) == 1, 'the search to find %s' % ticket_id)
    # From the search entry, Down moves into the list.
    press('Down')
    focused = wait_until(lambda: queue.findChild(
        lambda n: n.roleName == 'list item' and state(n).contains(pyatspi.STATE_FOCUSED),
        retry=False, requireResult=False), 'the focus on the found ticket’s row')
    check(True, 'Down from the search puts the focus on the row “%s”' % focused.name[:60])
    press('Return')
    view = console.ticket_view()
    wait_until(lambda: view.findChild(lambda n: n.roleName == 'label' and n.name == ticket_id,
                                      retry=False, requireResult=False),
               'Return to open %s' % ticket_id)
    check(True, 'Return opens %s' % ticket_id)

    # Tab on until the Hard Reset button has the focus: every action is reached by Tab.
    def focused_in_view():
        return view.findChild(lambda n: state(n) is not None and
                              state(n).contains(pyatspi.STATE_FOCUSED) and
                              n.roleName in CONTROL_ROLES, retry=False, requireResult=False)
    reached = []
    for _ in range(60):
        press('Tab')
        time.sleep(0.25)
        node = focused_in_view()
        if node is not None:
            reached.append(node.name)
            if node.name.startswith('Hard Reset'):
                break
    else:
        fail('Tab never reached the Hard Reset button; it reached %s' % reached)
    check(True, 'Tab reaches the ticket’s actions: %s' % ', '.join(n[:24] for n in reached))
    press('Return')
    dialog = console.find(lambda n: n.roleName in ('dialog', 'frame', 'window') and
                          n.name.startswith('Hard Reset'), 'Return to open the Hard Reset dialog')
    time.sleep(0.5)
    infocus = dialog.findChild(lambda n: state(n) is not None and
                               state(n).contains(pyatspi.STATE_FOCUSED), retry=False,
                               requireResult=False)
    check(infocus is not None, 'the Hard Reset dialog opens with the focus in it (%s “%s”)' %
          (infocus.roleName if infocus else '-', infocus.name if infocus else '-'))
    press('Escape')
    wait_until(lambda: not any(f.name.startswith('Hard Reset') for f in console.app.children),
               'Escape to close the Hard Reset dialog')
    check(True, 'Escape closes the Hard Reset dialog')


def views(console, api):
    """(title, how to get there and walk, …): one line a view."""
    ticket_sessions = first_ticket(api, 'billing-dispute')
    ticket_charger = first_ticket(api, 'charger-offline')
    ticket_assignment = first_ticket(api, 'charger-assignment')
    ticket_account, account = account_ticket(api)
    ticket_payout, payout_id = payout_ticket(api)
    w = Walk(console)
    main = main_window(console)
    found = {}

    def queue_view(title):
        return lambda: (select_row(console, title), console.queue_view())[1]

    def ticket(t):
        return lambda: (open_ticket(console, t['id']), main)[1]

    def key(combo, settle):
        def go():
            press(combo)
            settle()
            return main
        return go

    def named(name, role=None):
        return lambda: console.named(name, role, within=main)

    def open_window(click, name):
        def go():
            click()
            return window_named(console, name)
        return go

    steps = [
        # (view title, reach it → the node to walk, charts it shows, dialogs: (title, opener, name))
        ('Queue › All open', queue_view('All open'), (), ()),
        ('Queue › Unassigned', queue_view('Unassigned'), (), ()),
        ('Queue › Assigned to me', queue_view('Assigned to me'), (), ()),
        ('Ticket with sessions', ticket(ticket_sessions), (), ()),
        ('Ticket about a charger’s assignment', ticket(ticket_assignment), (), (
            ('Assign Charger', lambda: menu_item(console, 'Assign Charger'), 'Assign Charger'),
        )),
        ('Ticket with a charger', ticket(ticket_charger), (), ()),
        ('Ticket with an account', ticket(ticket_account), (), ()),
        ('Ticket with a payout', ticket(ticket_payout), (), ()),
        ('Chargers', key('<Control>2', named('Chargers', 'list')), (), ()),
        ('Needs Attention', lambda: (select_row(console, 'Needs Attention'), main)[1], (), ()),
        ('Sessions', key('<Control>3', lambda: console.find(
            lambda n: n.name == 'Sessions' and n.roleName in ('tree table', 'table'),
            'the session log', within=main)), (), ()),
        ('Session page', lambda: open_session(console, main), ('Power over time',), ()),
        ('Refund Reviews', key('<Control>5', lambda: found.update(
            request=first_request(console, main))), (), (
            ('Approve', lambda: console.click_button('Approve…', within=main),
             'Approve the Refund', lambda: found.get('request')),
        )),
        ('Audit Trail', key('<Control>6', lambda: time.sleep(2)), (), ()),
        ('Accounts search', key('<Control>7', lambda: time.sleep(1)), (), ()),
    ]
    # Every queue view of the sidebar, not only the three above.
    queue_views = console.find(lambda n: n.roleName == 'list' and n.name == 'Queue views',
                               'the queue views', within=console.sidebar())
    listed = [n.name.split(',')[0] for n in queue_views if n.roleName == 'list item']
    for name in listed:
        if name not in ('All open', 'Unassigned', 'Assigned to me'):
            steps.insert(3, ('Queue › ' + name, queue_view(name), (), ()))

    for title, reach, charts, dialogs in steps:
        root = reach()
        w.check_view(title, root, charts)
        for dtitle, opener, dname, *only_if in dialogs:
            if not only_if or only_if[0]():
                w.check_dialog(title + ' › ' + dtitle, opener, dname)

    # Windows of their own, opened from a ticket.
    open_ticket(console, ticket_account['id'])
    console.click_button('Open Account', within=console.ticket_view())
    page = console.find(lambda n: n.roleName in ('frame', 'dialog', 'window') and
                        n.name.endswith('(%s)' % account['id']), 'the account page')
    w.check_view('Account page', page)
    w.check_dialog('Account page › Verify Identity',
                   lambda: console.click_button('Verify Identity…', within=page), 'Verify ')
    close_window(console, page)

    open_ticket(console, ticket_payout['id'])
    click_within(console.ticket_view(), 'Open %s' % payout_id)
    page = window_named(console, 'Payout %s' % payout_id)
    w.check_view('Payout ledger', page)
    w.check_dialog('Payout ledger › Credit Shortfall',
                   lambda: click_within(page, 'Credit Shortfall…'), 'Credit Shortfall')
    close_window(console, page)

    prop = ticket_payout['property']
    host = api.call('GET', '/v1/properties/%s' % prop['id'])['host']
    console.click_button('More ticket actions')
    console.click(lambda n: n.name.startswith('Show Property'), 'Show Property in the menu')
    property_page = window_named(console, prop['name'])
    w.check_view('Property page', property_page)
    click_within(property_page, 'Payouts')
    panel = window_named(console, host['name'])
    within(panel, lambda n: n.roleName == 'list item' and n.name.startswith('PAY-'),
           'the host’s payouts', 60)
    w.check_view('Host’s payouts', panel, ('Revenue by day',))
    w.check_dialog('Host’s payouts › Export Statement',
                   lambda: click_within(panel, 'Export Statement…'), 'Export Statement')
    close_window(console, panel)
    close_window(console, property_page)
    return w


def restyle(scheme, contrast):
    """The desktop's style as libadwaita 1.2 reads it without a settings portal: the
    org.gnome.desktop.interface color-scheme and org.gnome.desktop.a11y.interface
    high-contrast keys, in the test session's keyfile settings (1.2 has no environment
    variable for either)."""
    import configparser
    path = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    keys = configparser.ConfigParser(interpolation=None)
    keys.optionxform = str
    keys.read(path)
    for group, key, value in (('org/gnome/desktop/interface', 'color-scheme', "'%s'" % scheme),
                              ('org/gnome/desktop/a11y/interface', 'high-contrast',
                               'true' if contrast else 'false')):
        if not keys.has_section(group):
            keys.add_section(group)
        keys.set(group, key, value)
    with open(path, 'w') as out:
        keys.write(out, space_around_delimiters=False)
    return dict(os.environ, OKC_PASSWORD='demo-supervisor')


def screenshots(api, suffix, env):
    """The main views in one style, saved as artifacts to look at."""
    ticket = first_ticket(api, 'charger-offline')
    console = Console('--backend-url', BACKEND_URL, '--user', SUPERVISOR, env=env)
    try:
        console.queue()
        open_ticket(console, ticket['id'])
        time.sleep(2)
        screenshot('style-ticket-' + suffix)
        for combo, name in (('<Control>2', 'chargers'), ('<Control>3', 'sessions'),
                            ('<Control>5', 'refunds'), ('<Control>6', 'audit')):
            press(combo)
            time.sleep(2.5)
            screenshot('style-%s-%s' % (name, suffix))
        print('ok: screenshots of the main views in %s' % suffix)
    finally:
        console.quit()


def main():
    api = Api(SUPERVISOR, 'demo-supervisor')
    env = dict(os.environ, OKC_PASSWORD='demo-supervisor')
    console = Console('--backend-url', BACKEND_URL, '--user', SUPERVISOR, env=env)
    try:
        console.queue()
        keyboard_flow(console, first_ticket(api, 'charger-offline')['id'])
        w = views(console, api)
    finally:
        console.quit()
    if w.failures:
        fail('%d unnamed controls or pictures:\n  %s' % (len(w.failures),
                                                          '\n  '.join(w.failures)))
    check(True, 'every control of %d views and dialogs has a name: %s' %
          (len(w.visited), ', '.join(w.visited)))

    if os.environ.get('OKC_A11Y_SCREENSHOTS', '1') == '1':
        screenshots(api, 'light', restyle('default', False))
        screenshots(api, 'dark', restyle('prefer-dark', False))
        screenshots(api, 'high-contrast', restyle('default', True))


if __name__ == '__main__':
    sys.exit(main())
