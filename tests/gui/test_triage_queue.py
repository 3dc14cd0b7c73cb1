# test_triage_queue.py — an agent finds tickets: searching as they type, sorting the
# queue, and the views of the sidebar.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re

from okc_gui import BACKEND_URL, Console, check, press, type_text, wait_until

UNITS = {'d': 86400, 'h': 3600, 'min': 60}


def age_seconds(row):
    """The age a row's spoken label gives: "opened 2 d 4 h ago" → seconds."""
    match = re.search(r'opened (.*?) ago', row.name)
    if match is None:
        return 0    # "opened just now"
    return sum(int(n) * UNITS[u] for n, u in re.findall(r'(\d+) (d|h|min)', match.group(1)))


def requester(row):
    """"Maya Chen · Lakeview Lofts" in the row's label → "Maya Chen"."""
    return row.name.split(', ')[1].split(' · ')[0]


def queue_subtitle(console):
    """"42 tickets · updated 09:30", "3 tickets · search results"."""
    return console.find(lambda n: n.roleName == 'label' and n.visible and
                        re.match(r'\d+ tickets?( ·|$)', n.name), 'the queue’s subtitle',
                        within=console.queue_view()).name


def check_search(console):
    rows = wait_until(console.ticket_rows, 'the queue')
    name = requester(rows[0])
    all_open = queue_subtitle(console)

    press('<Control>f')
    type_text(name)
    wait_until(lambda: 'search results' in queue_subtitle(console), 'the search results')
    wait_until(lambda: console.ticket_rows() and
               all(requester(r) == name for r in console.ticket_rows()),
               'only %s’s tickets in the queue' % name)
    check(True, 'typing “%s” leaves only their tickets: %s' % (name, queue_subtitle(console)))

    press('<Control>a')
    type_text('qqzzxxy')
    console.named('No Matching Tickets', 'label', within=console.queue_view())
    check(not console.ticket_rows(), 'words nothing matches empty the queue and say so')

    press('<Control>a')
    type_text('"NEAR( AND *')
    wait_until(lambda: 'search results' in queue_subtitle(console), 'the hostile search')
    check(not console.toasts(lambda n: n.roleName == 'label' and n.visible and
                             n.name.startswith('Could not search')),
          'quotes and operators typed into the search are words, not an error')

    press('Escape')
    wait_until(lambda: queue_subtitle(console).split(' ·')[0] == all_open.split(' ·')[0],
               'the whole queue back after Escape')
    check(True, 'Escape ends the search: %s' % queue_subtitle(console))


def choose_sort(console, title):
    console.click_button('Sort the queue', within=console.queue_view())
    # The menu's popover is the button's child.
    console.click(lambda n: n.name == title and 'menu item' in n.roleName,
                  'the “%s” menu item' % title, within=console.queue_view())


def check_sort(console):
    choose_sort(console, 'Oldest First')
    wait_until(lambda: (lambda ages: len(ages) > 3 and ages == sorted(ages, reverse=True))(
        [age_seconds(r) for r in console.ticket_rows()]), 'the oldest tickets first')
    check(True, 'Oldest First puts the longest-waiting ticket at the top')

    choose_sort(console, 'Newest First')
    wait_until(lambda: (lambda ages: len(ages) > 3 and ages == sorted(ages))(
        [age_seconds(r) for r in console.ticket_rows()]), 'the newest tickets first')
    check(True, 'Newest First puts the newest ticket at the top')

    choose_sort(console, 'Priority')


def select_view(console, title):
    item = console.find(lambda n: n.roleName == 'list item' and n.name.startswith(title + ', '),
                        'the “%s” view' % title, within=console.sidebar())
    item.select()
    count = view_count(console, title)
    wait_until(lambda: queue_subtitle(console).startswith('%d ticket' % count),
               'the %d tickets of “%s”' % (count, title))
    return count


def row_labels(row):
    return [n.name for n in row.findChildren(lambda n: n.roleName == 'label')]


def check_views(console):
    count = select_view(console, 'Waiting for customer')
    rows = console.ticket_rows()
    check(count > 0 and rows and all('Waiting for customer' in row_labels(r) for r in rows),
          'Waiting for customer holds only those tickets (%d)' % count)


def open_first(console, view):
    select_view(console, view)
    rows = wait_until(console.ticket_rows, 'the tickets of “%s”' % view)
    rows[0].parent.select()


def check_playbook(console):
    open_first(console, 'Charger offline')
    evidence = console.find(lambda n: n.roleName == 'label' and n.visible and
                            re.match(r'^CH-\d+ · ', n.name), 'the charger’s live status',
                            within=console.tickets_page())
    step = console.find(lambda n: n.roleName == 'label' and n.visible and
                        n.name.endswith('(next step)'), 'the step the evidence points to',
                        within=console.tickets_page())
    check('heartbeat' in evidence.name,
          'an offline-charger ticket shows the charger as the backend sees it: “%s”, and the '
          'step that applies: “%s”' % (evidence.name, step.name))

    open_first(console, 'No permission')
    access = console.label_starting('Access to CH-', within=console.tickets_page())
    step = console.find(lambda n: n.roleName == 'label' and n.visible and
                        n.name.endswith('(next step)'), 'the step the access verdict points to',
                        within=console.tickets_page())
    check(True, 'a permission ticket shows the customer’s access: “%s” → “%s”'
          % (access.name, step.name))


def view_count(console, title):
    item = console.find(lambda n: n.roleName == 'list item' and n.name.startswith(title + ', '),
                        'the “%s” view' % title, within=console.sidebar())
    return int(re.search(r', (\d+) tickets?$', item.name).group(1))


def bulk_select(console, n):
    console.click_button('Select several tickets', within=console.queue_view())
    rows = wait_until(lambda: (lambda r: r if len(r) >= n else None)(console.ticket_rows()),
                      '%d tickets to select' % n)
    for row in rows[:n]:
        row.parent.select()
    console.label_starting('%d selected' % n, within=console.queue_view())


def check_bulk(console):
    unassigned = select_view(console, 'Unassigned')
    bulk_select(console, 3)
    console.click_button('Assign the selected tickets', within=console.queue_view())
    console.click(lambda n: n.name == 'Priya Nair' and 'menu item' in n.roleName,
                  'Priya Nair in the Assign To menu', within=console.queue_view())
    toast = console.toast(lambda n: n.roleName == 'label' and
                          n.name.startswith('3 tickets assigned') and n.visible,
                          'a toast starting “3 tickets assigned”')
    wait_until(lambda: view_count(console, 'Unassigned') == unassigned - 3,
               'Unassigned to hold 3 tickets fewer')
    check(True, 'three tickets assigned to Priya at once: “%s”' % toast.name)

    mine = select_view(console, 'Assigned to me')
    bulk_select(console, 2)
    console.click_button('Resolve the selected tickets', within=console.queue_view())
    toast = console.toast(lambda n: n.roleName == 'label' and n.visible and
                          re.match(r'^\d+ tickets? resolved', n.name), 'the bulk resolve’s outcome')
    resolved = int(toast.name.split(' ')[0])
    wait_until(lambda: view_count(console, 'Assigned to me') == mine - resolved,
               'Assigned to me to hold %d tickets fewer' % resolved)
    check(resolved > 0, 'two of my tickets resolved at once: “%s”' % toast.name)


def main():
    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', 'alex.rivera@ok2charge.example',
                      env=env)
    try:
        check_search(console)
        check_sort(console)
        check_views(console)
        check_playbook(console)
        check_bulk(console)
        console.quit()
    finally:
        console.kill()


main()
