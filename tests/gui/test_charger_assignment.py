# test_charger_assignment.py — topic 8 from a ticket: Assign Charger… finds the charger by
# the serial the host gave, shows it online and unassigned, links it to the ticket's
# property and a unit through the outbox, and the charger's page shows the property.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import urllib.parse

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, type_text, wait_until

AGENT = 'alex.rivera@ok2charge.example'


def unassigned_ticket(api):
    """An open topic-8 ticket whose charger (by the serial the host gave) has no property."""
    tickets = api.call('GET', '/v1/tickets?limit=500&status=new,open&topic=charger-assignment')
    for ticket in tickets['tickets']:
        fields = ticket.get('fields') or {}
        serial = fields.get('charger_serial')
        if not serial or not fields.get('property_name'):
            continue
        charger = api.call('GET', '/v1/chargers/lookup?code=' + serial)
        if charger.get('property') is None and charger['status'] == 'online':
            return ticket, serial, charger
    fail('the demo data has no open ticket about an online, unassigned charger')


def open_ticket(console, ticket_id):
    press('<Control>1')
    press('<Control>f')
    press('<Control>a')
    type_text(ticket_id)

    def opened():
        rows = console.ticket_rows()
        if not rows:
            return None
        rows[0].parent.select()
        return console.app.findChild(lambda n: n.roleName == 'label' and n.name == ticket_id,
                                     retry=False, requireResult=False)
    wait_until(opened, 'the ticket %s to open' % ticket_id)


def open_dialog(console):
    console.click_button('More ticket actions')
    console.click(lambda n: n.name.startswith('Assign Charger'), 'Assign Charger… in the menu')
    return console.find(lambda n: n.roleName in ('frame', 'dialog', 'window') and
                        n.name == 'Assign Charger', 'the Assign Charger dialog')


def check_charger_found(console, dialog, serial, charger):
    title = '%s · %s' % (serial, charger['id'])
    console.find(lambda n: n.roleName == 'label' and n.name == title,
                 'the charger found by its serial', within=dialog)
    state = console.find(lambda n: n.roleName == 'label' and 'last heartbeat' in n.name,
                         'the charger’s state', within=dialog)
    check(state.name.startswith('Online') and state.name.endswith('Not assigned'),
          'the charger is found by the serial the host gave, online and not assigned: %s' %
          state.name)


def ancestor(node, role):
    while node is not None and node.roleName != role:
        node = node.parent
    return node


def pick_property(console, dialog, name):
    # The dialog's two entries: the charger's code, then the property search.
    entries = wait_until(lambda: [n for n in console.find_all(
        lambda n: n.roleName == 'text' and n.visible, within=dialog)][1:2],
        'the property search')
    entries[0].click()
    type_text(name.lower())
    press('Return')
    label = console.find(lambda n: n.roleName == 'label' and n.name == name,
                         'the property %s in the results' % name, within=dialog)
    row = ancestor(label, 'list item')
    check(row is not None, 'the property is a row of the results')
    row.select()
    # The property's units load with it; then Assign can be pressed (the first unit).
    console.find(lambda n: n.roleName == 'label' and n.name == 'Unit' and n.visible,
                 'the unit to choose', within=dialog)
    assign = console.button('Assign', within=dialog)
    wait_until(lambda: assign.sensitive, 'Assign to be enabled')


def ticket_of_property(api, want):
    """An open ticket about a property whose integration is in the state @want wants."""
    tickets = api.call('GET', '/v1/tickets?limit=500&status=new,open')['tickets']
    seen = {}
    for ticket in tickets:
        prop = ticket.get('property')
        if prop is None:
            continue
        if prop['id'] not in seen:
            seen[prop['id']] = api.call('GET', '/v1/properties/' + prop['id'])
        if want(seen[prop['id']]['pms']):
            return ticket, seen[prop['id']]
    fail('the demo data has no open ticket about such a property')


def sync_from_ticket(console, ticket, prop, expected):
    """Opens the ticket's property page, syncs it, and returns the outcome shown."""
    open_ticket(console, ticket['id'])
    console.click_button('More ticket actions')
    console.click(lambda n: n.name.startswith('Show Property'), 'Show Property in the menu')
    page = console.find(lambda n: n.roleName in ('frame', 'dialog', 'window') and
                        n.name == prop['name'], 'the page of %s' % prop['name'])
    console.find(lambda n: n.roleName == 'label' and n.name.startswith(
        prop['pms']['provider'].capitalize()), 'the PMS provider', within=page)
    button = console.button('Sync Now', within=page)
    wait_until(lambda: button.sensitive, 'Sync Now to be enabled')
    button.doActionNamed('click')
    outcome = console.find(lambda n: n.roleName == 'label' and expected in n.name,
                           'the sync’s outcome (%s)' % expected, within=page, timeout=60)
    text = outcome.name
    console.click_button('Close', within=page)
    return text


def main():
    api = Api(AGENT, 'demo-agent')
    ticket, serial, charger = unassigned_ticket(api)
    # The property the host named, as the agent finds it.
    name = ticket['fields']['property_name']
    found = api.call('GET', '/v1/properties?q=' + urllib.parse.quote(name))['properties']
    matches = [p for p in found if p['name'] == name]
    check(len(matches) == 1, 'the host’s property %s is known' % name)
    prop = api.call('GET', '/v1/properties/' + matches[0]['id'])
    check(len(prop['units']) > 0, '%s has units' % prop['name'])
    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', AGENT, env=env)
    try:
        console.find(lambda n: n.roleName == 'panel' and ' priority: ' in n.name, 'the queue')
        open_ticket(console, ticket['id'])
        dialog = open_dialog(console)
        check_charger_found(console, dialog, serial, charger)
        pick_property(console, dialog, prop['name'])
        console.click_button('Assign', within=dialog)
        done = console.label_starting('Assigned to ', within=dialog, timeout=60)
        check(prop['name'] in done.name, 'the dialog says where it went: %s' % done.name)
        after = api.call('GET', '/v1/chargers/' + charger['id'])
        check(after['property']['id'] == prop['id'] and after.get('unit') is not None,
              'the backend has the charger at %s, %s' % (after['property']['name'],
                                                         after['unit']['name']))
        console.click_button('Close', within=dialog)
        console.find(lambda n: n.roleName == 'label' and n.name == prop['name'] and n.visible,
                     'the charger’s page to show %s' % prop['name'])
        check(True, 'the charger’s page shows the property')

        ok_ticket, ok_prop = ticket_of_property(
            api, lambda pms: pms['connected'] and pms['sync_state'] != 'failing')
        outcome = sync_from_ticket(console, ok_ticket, ok_prop, 'bookings imported')
        check(True, 'Sync Now on %s: %s' % (ok_prop['name'], outcome))
        synced = api.call('GET', '/v1/properties/' + ok_prop['id'])['pms']
        check(synced['sync_state'] == 'ok', 'the backend has %s in sync' % ok_prop['name'])

        bad_ticket, bad_prop = ticket_of_property(
            api, lambda pms: pms['connected'] and pms['sync_state'] == 'failing')
        outcome = sync_from_ticket(console, bad_ticket, bad_prop, 'refused the API token')
        check('reconnect' in outcome, 'the failing integration says what to do: %s' % outcome)
        console.quit()
    finally:
        console.kill()


main()
