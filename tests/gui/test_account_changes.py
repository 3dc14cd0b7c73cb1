# test_account_changes.py — topics 6 and 7 from a ticket: Open Account shows the changes
# disabled until the identity is verified; a wrong last four digits gets the backend's
# sentence in the dialog, the right ones verify it; Cancel Subscription ends it now and the
# page says so; a card is removed; the ticket's audit records each action.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import urllib.parse

from okc_gui import (Api, BACKEND_URL, Console, check, fail, press, screenshot, type_text,
                     wait_until)

AGENT = 'alex.rivera@ok2charge.example'
NOT_VERIFIED = 'Not verified: changes are disabled until you verify the customer’s identity'


def ticket_and_account(api):
    """An open topic-6 or -7 ticket whose customer's account has an active subscription and
    a card, found as the console finds it (the collected contact, else the requester)."""
    for topic in ('cancel-or-delete', 'change-email'):
        tickets = api.call('GET', '/v1/tickets?limit=500&status=new,open&topic=' + topic)
        for ticket in tickets['tickets']:
            fields = ticket.get('fields') or {}
            requester = ticket.get('requester') or {}
            contact = (fields.get('account_contact') or fields.get('current_email') or
                       requester.get('email'))
            if not contact:
                continue
            found = api.call('GET', '/v1/accounts?q=' + urllib.parse.quote(contact))['accounts']
            active = [a for a in found if a['status'] == 'active']
            if not active:
                continue
            account = api.call('GET', '/v1/accounts/%s?ticket=%s' % (active[0]['id'],
                                                                     ticket['id']))
            sub = account.get('subscription')
            if (sub and sub['status'] == 'active' and account['cards'] and
                    account['verification'] is None):
                return ticket, account
    fail('the demo data has no open topic-6 or -7 ticket of an account with a subscription')


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


def window_named(console, name, what):
    return console.find(lambda n: n.roleName in ('frame', 'dialog', 'window') and
                        n.name == name, what)


def label(console, page, predicate, what, timeout=30):
    return console.find(lambda n: n.roleName == 'label' and predicate(n.name) and n.visible,
                        what, within=page, timeout=timeout)


def verify(console, page, account, ticket, wrong, right):
    console.click_button('Verify Identity…', within=page)
    dialog = window_named(console, 'Verify %s on %s' % (account['name'], ticket['id']),
                          'the Verify Identity dialog')
    method = console.find(lambda n: n.name == 'Last four digits of a card' and n.visible and
                          n.roleName != 'label', 'the card method', within=dialog)
    print('the card method is a %s with actions %s' % (method.roleName, list(method.actions)))
    if 'click' in method.actions:
        method.doActionNamed('click')
    else:
        method.click()
    entry = console.find(lambda n: n.roleName == 'text' and n.visible, 'the detail entry',
                         within=dialog)
    entry.click()
    type_text(wrong)
    console.click_button('Verify', within=dialog)
    error = label(console, dialog, lambda name: name.startswith('The last four digits don'),
                  'the backend’s sentence for a wrong last four digits')
    screenshot('account-verify-wrong')
    check(wrong not in error.name and right not in error.name,
          'a wrong last four digits is refused in the dialog: %s' % error.name)
    entry.click()
    press('<Control>a')
    type_text(right)
    console.click_button('Verify', within=dialog)


def main():
    api = Api(AGENT, 'demo-agent')
    ticket, account = ticket_and_account(api)
    card = account['cards'][0]
    wrong = '%04d' % ((int(card['last4']) + 1) % 10000)
    while any(c['last4'] == wrong for c in account['cards']):
        wrong = '%04d' % ((int(wrong) + 1) % 10000)
    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', AGENT, env=env)
    try:
        console.find(lambda n: n.roleName == 'panel' and ' priority: ' in n.name, 'the queue')
        open_ticket(console, ticket['id'])
        console.click_button('Open Account', within=console.ticket_view())
        page = window_named(console, '%s (%s)' % (account['name'], account['id']),
                            'the account page of %s' % account['id'])
        label(console, page, lambda name: name == NOT_VERIFIED, 'the identity row')
        cancel = console.button('Cancel Subscription…', within=page)
        check(not cancel.sensitive, 'Cancel Subscription is disabled until verified')
        remove = console.button('Remove the card ending ' + card['last4'], within=page)
        check(not remove.sensitive, 'Remove is disabled until verified')
        label(console, page, lambda name: name == NOT_VERIFIED and True, 'the reason')
        screenshot('account-not-verified')

        verify(console, page, account, ticket, wrong, card['last4'])
        verified = label(console, page, lambda name: name.startswith('Verified by Alex Rivera'),
                         'the identity verified')
        check(ticket['id'] in verified.name, 'the page says who verified, on which ticket, '
              'until when: %s' % verified.name)
        wait_until(lambda: cancel.sensitive, 'Cancel Subscription to be enabled')
        screenshot('account-verified')

        cancel.doActionNamed('click')
        dialog = window_named(console, 'Cancel the Subscription?',
                              'the Cancel Subscription dialog')
        screenshot('account-cancel-dialog')
        console.click_button('Cancel Now', within=dialog)
        cancelled = label(console, page, lambda name: ' · Cancelled on ' in name,
                          'the subscription cancelled', timeout=60)
        check(True, 'the page shows the subscription cancelled: %s' % cancelled.name)
        sub = api.call('GET', '/v1/accounts/' + account['id'])['subscription']
        check(sub['status'] == 'cancelled', 'the backend has it cancelled')

        remove = console.button('Remove the card ending ' + card['last4'], within=page)
        wait_until(lambda: remove.sensitive, 'Remove to be enabled')
        remove.doActionNamed('click')
        dialog = window_named(console, 'Remove the Card?', 'the Remove Card dialog')
        console.click_button('Remove', within=dialog)
        label(console, page, lambda name: name.startswith('Done: Remove the card ending ' +
                                                          card['last4']),
              'the card removed', timeout=60)
        cards = api.call('GET', '/v1/accounts/' + account['id'])['cards']
        check(all(c['id'] != card['id'] for c in cards), 'the backend removed the card')
        screenshot('account-after-changes')

        entries = api.call('GET', '/v1/audit?ticket_id=' + ticket['id'])['entries']
        actions = [e['action'] for e in entries]
        for action in ('account.verify', 'account.subscription_cancel', 'account.card_remove'):
            check(action in actions, 'the ticket’s audit has %s' % action)
        check(actions.count('account.verify') == 2,
              'the audit has the failed and the passed identity checks')
        removed = 'Alex Rivera removed the card ending %s from %s' % (card['last4'],
                                                                      account['id'])
        console.find(lambda n: n.roleName == 'label' and n.name == removed and n.visible,
                     'the ticket’s Actions to list the card removed',
                     within=console.ticket_view())
        check(True, 'the ticket’s Actions say: %s' % removed)
        console.click_button('Close', within=page)
        console.quit()
    finally:
        console.kill()


main()
