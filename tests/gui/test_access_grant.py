# test_access_grant.py — the article's “guest can't start” (topic 3): a no-permission
# ticket leads to its charger; Check Access says the staying guest is not allowed; Grant
# Access for the booking's stay; Check Access says allowed until check-out; the guest's
# Start in the app (the simulator's authorize, over HTTP) is accepted and the charger
# shows the session.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import time
import urllib.parse
from datetime import datetime

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, type_text, wait_until

AGENT = 'alex.rivera@ok2charge.example'


def parse_time(text):
    return datetime.fromisoformat(text.replace('Z', '+00:00')).timestamp()


def staying_guest(api):
    """A no-permission ticket on a list-only charger whose customer is staying at its
    property now (the demo plants one): (ticket, charger, account, booking)."""
    tickets = api.call('GET', '/v1/tickets?limit=500&status=new,open&topic=no-permission')['tickets']
    now = time.time()
    for ticket in tickets:
        charger_id = ticket.get('charger_id')
        email = (ticket.get('requester') or {}).get('email')
        if not charger_id or not email:
            continue
        charger = api.charger(charger_id)
        if charger['access'] != 'access_list' or not charger.get('property'):
            continue
        access = api.call('GET', '/v1/chargers/%s/access?account=%s' %
                          (charger_id, urllib.parse.quote(email)))
        if access['reason'] != 'not_listed':
            continue
        bookings = api.call('GET', '/v1/accounts/%s/bookings' % access['account']['id'])['bookings']
        for booking in bookings:
            if (booking['property']['id'] == charger['property']['id'] and
                    parse_time(booking['check_in']) <= now < parse_time(booking['check_out'])):
                return ticket, charger, access['account'], booking
    fail('the demo data has no staying guest missing from a list-only charger')


def open_ticket(console, ticket_id, charger_id):
    """Searches the queue for the ticket and opens it; returns its charger card."""
    press('<Control>f')
    type_text(ticket_id)
    name = 'Charger ' + charger_id

    def opened():
        rows = console.ticket_rows()
        if not rows:
            return None
        rows[0].parent.select()
        return console.app.findChild(lambda n: n.roleName != 'label' and n.name == name,
                                     retry=False, requireResult=False)
    return wait_until(opened, 'ticket %s with the card of %s' % (ticket_id, charger_id))


def access_group(console):
    """The charger page's Access group, found by its Grant Access… button."""
    button = console.button('Grant Access…')
    node = button
    for _ in range(8):
        node = node.parent
        if node.findChild(lambda n: n.name == 'Who May Charge', retry=False, requireResult=False):
            return node
    fail('the Access group around “Grant Access…”')


def entry(console, title, within):
    """The text field of the entry row titled @title."""
    row = console.find(lambda n: n.name == title and n.visible, 'the “%s” row' % title,
                       within=within)
    field = row if row.roleName == 'text' else row.findChild(
        lambda n: n.roleName == 'text', retry=False, requireResult=False)
    return field or row


def type_into(console, title, within, text, focused=False):
    """Types @text into the entry row and applies it. A dialog gives its first entry
    the keyboard: @focused says so (AT-SPI misplaces a dialog's widgets, so a click
    could miss)."""
    if not focused:
        entry(console, title, within).click()
    press('<Control>a')
    type_text(text)
    press('Return')


def verdict(console, group, prefix):
    return console.find(lambda n: n.roleName == 'label' and n.name.startswith(prefix),
                        'a verdict starting “%s”' % prefix, within=group).name


def main():
    api = Api(AGENT, 'demo-agent')
    ticket, charger, account, booking = staying_guest(api)
    charger_id = charger['id']
    email = account['email']
    console = Console('--backend-url', BACKEND_URL, '--user', AGENT,
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        wait_until(console.ticket_rows, 'the queue')
        card = open_ticket(console, ticket['id'], charger_id)
        console.click_button('Open %s in Chargers' % charger_id, within=card)
        group = access_group(console)
        check(True, 'the no-permission ticket %s leads to %s and its Access group' %
              (ticket['id'], charger_id))

        type_into(console, 'Check Access for an Email or Phone', group, email)
        text = verdict(console, group, 'Not allowed')
        check('access list' in text, 'Check Access says %s may not charge: %s' % (email, text))

        console.click_button('Grant Access…', within=group)
        dialog = console.find(lambda n: n.name == 'Grant Access to ' + charger_id,
                              'the Grant Access dialog')
        while dialog.roleName not in ('dialog', 'frame', 'window', 'alert') and dialog.parent:
            dialog = dialog.parent
        type_into(console, 'Email or Phone', dialog, email, focused=True)
        console.find(lambda n: n.roleName == 'label' and n.name.startswith(account['name'] + ' ('),
                     'the account found', within=dialog)
        # The account's stay at this property is offered first.
        console.find(lambda n: n.roleName == 'label' and n.name.startswith(booking['id'] + ':'),
                     'the booking %s offered' % booking['id'], within=dialog)
        # The dialog's response buttons are named by their mnemonic labels ("_Grant Access").
        console.click(lambda n: n.roleName == 'push button' and
                      n.name.replace('_', '') in ('Grant Access', 'Grant Access Grant Access'),
                      'the dialog’s “Grant Access” button', within=dialog)

        console.find(lambda n: n.name == account['name'] and n.visible,
                     '%s on the access list' % account['name'], within=group)
        grant = api.call('GET', '/v1/chargers/%s/access?account=%s' %
                         (charger_id, urllib.parse.quote(email)))
        check(grant['allowed'] and grant['grant']['booking_id'] == booking['id'] and
              grant['grant']['valid_to'] == booking['check_out'],
              'the grant holds the booking %s until its check-out %s' %
              (booking['id'], booking['check_out']))
        # The verdict on screen is asked again once the grant is made.
        text = verdict(console, group, 'Allowed until')
        check(True, 'Check Access says allowed until check-out: %s' % text)

        started = api.call('POST', '/v1/simulator/chargers/%s/authorize' % charger_id,
                           {'account': email})
        check(started['accepted'] and started['session_id'],
              'the guest’s Start in the app is accepted: %s' % started['session_id'])
        # A connector's badge leaves “Available” for the session's first states.
        console.find(lambda n: n.roleName == 'label' and n.visible and
                     n.name in ('Preparing', 'Charging'),
                     '%s to show the session' % charger_id, timeout=60)
        check(True, '%s shows the guest’s session' % charger_id)
        press('Escape')
        console.quit()
    finally:
        console.kill()


main()
