# test_charger_panel.py — an agent looks at the fleet: every charger with its live status,
# filtered by state and by property, one charger in detail (connectors, heartbeat,
# network), and the chargers that need attention first.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re

from okc_gui import Api, BACKEND_URL, Console, check, press, wait_until

# A row's spoken label: "CH-10234, Faulted, Lakeview Lofts · Garage 3, Heartbeat 3 min ago"
# and, when the charger needs attention, ", Offline for 3 h 12 min".
ROW = re.compile(r'^(CH-[\w-]+), (Online|Offline|Faulted), (.*?), Heartbeat ([^,]*)(?:, (.*))?$')
UNITS = {'d': 86400, 'h': 3600, 'min': 60, 's': 1}
COUNT = re.compile(r'^\d+( of \d+)? chargers?$')


# The list of chargers and the part of the panel around it (filters, count), found once:
# a walk of the whole window, its ticket queue and every page, is what makes a test slow.
_places = {}


def charger_list(console):
    if 'list' not in _places:
        _places['list'] = console.find(lambda n: n.roleName == 'list' and n.name == 'Chargers',
                                       'the list of chargers')
    return _places['list']


def panel_area(console):
    """The whole charger panel: the list and the open charger's page beside it."""
    if 'panel' not in _places:
        # list → scrolled window → stack page → stack → list view → the panel's paned
        _places['panel'] = charger_list(console).parent.parent.parent.parent.parent
    return _places['panel']


def list_area(console):
    """The charger list view: the nearest ancestor of the list that holds its count."""
    if 'area' not in _places:
        node = charger_list(console)
        for _ in range(8):
            node = node.parent
            if node.findChild(lambda n: n.roleName == 'label' and COUNT.match(n.name),
                              retry=False, requireResult=False):
                _places['area'] = node
                break
        else:
            _places['area'] = console.app
    return _places['area']


def charger_rows(console):
    return [(row, ROW.match(row.name)) for row in
            console.find_all(lambda n: n.roleName == 'panel' and n.visible and ROW.match(n.name),
                             within=charger_list(console))]


def wait_rows(console, what, condition=lambda rows: True):
    return wait_until(lambda: (lambda rows: rows if rows and condition(rows) else None)(
        charger_rows(console)), what)


def sidebar_count(console, title):
    item = console.find(lambda n: n.roleName == 'list item' and
                        re.match(re.escape(title) + r', \d+ chargers?$', n.name),
                        'the “%s” entry with its count' % title, within=console.sidebar())
    return int(re.search(r', (\d+) chargers?$', item.name).group(1)), item


def dropdown_text(console, dropdown):
    node = console.find(lambda n: n.roleName == 'combo box' and n.name == dropdown,
                        'the “%s” filter' % dropdown, within=list_area(console))
    return [c.name for c in node.findChildren(lambda c: c.roleName == 'label' and c.name and
                                              c.name != '(None)')][0]


def in_popover(node):
    for _ in range(12):
        if node is None or node.roleName in ('frame', 'application'):
            return False
        if node.name == 'GtkPopover':
            return True
        node = node.parent
    return False


def choose(console, dropdown, item_text):
    """Opens a drop-down by its accessible name and picks the item that reads item_text.
    GTK 4.8 lists the items in a popover that takes no AT-SPI selection and reports
    its items' places off by the window's frame: the keyboard picks, as a person would."""
    current = dropdown_text(console, dropdown)
    console.click(lambda n: n.roleName == 'combo box' and n.name == dropdown,
                  'the “%s” filter' % dropdown, within=list_area(console))
    # The drop-down's popover is its child: its items are found under it.
    items = wait_until(lambda: [n.name for n in console.find_all(
        lambda n: n.roleName == 'label' and n.name and in_popover(n) and
        n.parent.parent.roleName == 'list item', within=list_area(console))],
        'the items of the “%s” filter' % dropdown)
    check(item_text in items, '“%s” is one of the “%s” filter’s items' % (item_text, dropdown))
    moves = items.index(item_text) - items.index(current)
    for _ in range(abs(moves)):
        press('Down' if moves > 0 else 'Up')
    press('Return')
    wait_until(lambda: dropdown_text(console, dropdown) == item_text,
               'the “%s” filter to read “%s”' % (dropdown, item_text))


def subtitle(console):
    return console.find(lambda n: n.roleName == 'label' and n.visible and COUNT.match(n.name),
                        'the list’s count', within=list_area(console)).name


def check_list(console):
    total, item = sidebar_count(console, 'Chargers')
    rows = wait_rows(console, 'the chargers')
    wait_until(lambda: subtitle(console) == '%d chargers' % total,
               'the list to count the %d chargers the sidebar counts' % total)
    check(total > 0, 'Ctrl+2 opens the fleet: %d chargers, “%s”' % (total, rows[0][0].name))
    statuses = {m.group(2) for _, m in rows}
    check(len(statuses) > 1, 'the chargers shown have live statuses: %s' % sorted(statuses))


def check_state_filter(console):
    choose(console, 'State', 'Offline')
    rows = wait_rows(console, 'only offline chargers',
                     lambda rows: all(m.group(2) == 'Offline' for _, m in rows))
    check(re.match(r'^\d+ of \d+ chargers$', subtitle(console)) is not None,
          'State: Offline leaves only offline chargers (%s)' % subtitle(console))

    choose(console, 'State', 'Faulted')
    rows = wait_rows(console, 'only faulted chargers',
                     lambda rows: all(m.group(2) == 'Faulted' for _, m in rows))
    check(True, 'State: Faulted leaves only faulted chargers (%s)' % subtitle(console))
    choose(console, 'State', 'All states')


def check_property_filter(console):
    rows = wait_rows(console, 'chargers with a property',
                     lambda rows: any(m.group(3) != 'Not assigned' for _, m in rows))
    place = next(m.group(3) for _, m in rows if m.group(3) != 'Not assigned')
    prop = place.split(' · ')[0]
    choose(console, 'Property', prop)
    wait_rows(console, 'only the chargers of %s' % prop,
              lambda rows: all(m.group(3).split(' · ')[0] == prop for _, m in rows))
    check(True, 'Property: %s leaves only its chargers (%s)' % (prop, subtitle(console)))
    choose(console, 'Property', 'All properties')


def in_row(node):
    """Whether node is part of a row of the charger list."""
    for _ in range(12):
        if node is None or node.roleName in ('frame', 'application'):
            return False
        if node.roleName == 'panel' and ROW.match(node.name or ''):
            return True
        node = node.parent
    return False


def row_value(console, title):
    """The value an AdwActionRow of the detail page shows under its title."""
    def value():
        for label in console.find_all(lambda n: n.roleName == 'label' and n.visible and
                                      n.name == title, within=panel_area(console)):
            siblings = [c.name for c in label.parent.children
                        if c.roleName == 'label' and c.name != title and c.name]
            if siblings:
                return siblings[0]
        return None
    return wait_until(value, 'the “%s” of the charger' % title)


def check_detail(console, api):
    rows = wait_rows(console, 'the chargers')
    row, match = rows[0]
    charger_id = match.group(1)
    print('… opening %s' % charger_id)
    row.parent.select()
    # No charger was on screen before: its rows say the detail page is this charger's.
    heartbeat = row_value(console, 'Last Heartbeat')
    check(re.search(r'ago|just now|Never', heartbeat) is not None,
          '%s’s last heartbeat reads as an age: “%s”' % (charger_id, heartbeat))
    connection = row_value(console, 'Connection')
    check(re.match(r'^(Wi[-\u2011]Fi|Ethernet|Cellular)', connection) is not None,
          'its network: “%s”' % connection)
    connectors = wait_until(lambda: console.find_all(lambda n: n.visible and
                                                     n.roleName == 'list item' and
                                                     re.match(r'^Connector \d+, ', n.name),
                                                     within=panel_area(console)),
                            'the connectors of %s' % charger_id)
    check(True, 'its connectors: %s' % ', '.join(sorted({c.name for c in connectors})))
    firmware = row_value(console, 'Firmware')
    check(firmware != 'Unknown', 'its firmware: %s' % firmware)
    # The connector's cable lock jams: the open page follows, history and all.
    api.set_cause(charger_id, 'stuck_connector')
    console.find(lambda n: n.visible and n.roleName == 'label' and
                 re.match(r'^Connector 1: .+ → Faulted', n.name),
                 'the fault in its status history', timeout=60, within=panel_area(console))
    check(True, 'its status history shows the fault as it happens')
    api.clear_cause(charger_id)


def age_seconds(text):
    return sum(int(n) * UNITS[u] for n, u in re.findall(r'(\d+) (d|h|min|s)\b', text))


KIND_ORDER = [('Offline for', 0), ('faulted', 1), ('stuck in', 2)]


def kind(reason):
    for words, order in KIND_ORDER:
        if words in reason:
            return order
    return 3


def check_attention(console):
    count, item = sidebar_count(console, 'Needs Attention')
    item.select()
    wait_until(lambda: console.find_all(lambda n: n.roleName == 'label' and n.visible and
                                        n.name == 'Needs Attention' and
                                        n.parent.roleName != 'list item' and
                                        n.parent.parent.roleName != 'list item',
                                        within=panel_area(console)),
               'the Needs Attention list')
    if count == 0:
        console.named('Nothing Needs Attention', 'label', within=panel_area(console))
        check(True, 'Needs Attention says nothing needs attention')
        return
    rows = wait_rows(console, 'the chargers that need attention',
                     lambda rows: all(m.group(5) for _, m in rows))
    reasons = [m.group(5) for _, m in rows]
    kinds = [kind(r) for r in reasons]
    check(kinds == sorted(kinds),
          'Needs Attention lists offline chargers first, then faulted, then stuck: %s'
          % reasons[:5])
    offline = [age_seconds(r) for r in reasons if kind(r) == 0]
    check(offline == sorted(offline, reverse=True),
          'the longest offline first: %s' % [r for r in reasons if kind(r) == 0][:3])
    wait_until(lambda: re.match(r'^%d of \d+ chargers?$' % count, subtitle(console)),
               'the list to count the %d chargers the sidebar counts' % count)
    check(True, 'Needs Attention holds the %d chargers the sidebar counts' % count)


def check_back_to_tickets(console):
    press('<Control>1')
    console.find(lambda n: n.roleName == 'panel' and n.visible and ' priority: ' in n.name,
                 'the ticket queue again', within=console.queue())
    check(True, 'Ctrl+1 goes back to the tickets')


def main():
    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', 'alex.rivera@ok2charge.example',
                      env=env)
    try:
        wait_until(console.ticket_rows, 'the queue')
        press('<Control>2')
        check_list(console)
        check_state_filter(console)
        check_property_filter(console)
        check_detail(console, Api('alex.rivera@ok2charge.example', 'demo-agent'))
        check_attention(console)
        check_back_to_tickets(console)
        console.quit()
    finally:
        console.kill()


if __name__ == '__main__':
    main()
