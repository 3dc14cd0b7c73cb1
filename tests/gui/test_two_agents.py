# test_two_agents.py — two agents on one ticket, each in a console of their own: a claim
# reaches the other at once, a reply written before a colleague's change is held back
# and sent once read again, the missing-details reply lists exactly what is missing, and
# the ticket is resolved.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re

from okc_gui import BACKEND_URL, Console, check, fail, wait_until

DETAILS = re.compile(r'(\d+) of (\d+) details?$')


def start(email, *extra):
    return Console('--backend-url', BACKEND_URL, '--user', email, *extra,
                   env=dict(os.environ, OKC_PASSWORD='demo-agent'))


def select_view(console, title):
    item = console.find(lambda n: n.roleName == 'list item' and n.name.startswith(title + ', '),
                        'the “%s” view' % title, within=console.sidebar())
    item.select()


def shown_ticket_id(console):
    return console.find(lambda n: n.roleName == 'label' and n.visible and
                        re.match(r'^TCK-\d+$', n.name), 'the open ticket’s id',
                        within=console.ticket_view()).name


def open_row(console, index):
    rows = wait_until(lambda: (lambda r: r if len(r) > index else None)(console.ticket_rows()),
                      'the queue')
    rows[index].parent.select()
    return shown_ticket_id(console)


def first_incomplete_row(console):
    """The first ticket of the view whose chatbot missed a required detail."""
    rows = wait_until(console.ticket_rows, 'the queue')
    for index, row in enumerate(rows):
        match = DETAILS.search(row.name)
        if match and int(match.group(1)) < int(match.group(2)):
            return index
    fail('no ticket with a missing detail among the first rows of Unassigned')


def composer_text(console):
    return console.find(lambda n: n.roleName == 'text' and n.visible and
                        n.name in ('Reply to the customer', 'Internal note'),
                        'the reply composer', within=console.ticket_view()).text


def activity(console):
    box = console.find(lambda n: n.name == 'Ticket activity', 'the ticket’s activity',
                       within=console.ticket_view())
    return [n.name for n in box.findChildren(lambda n: n.roleName == 'label')]


def main():
    alex = start('alex.rivera@ok2charge.example')
    sam = start('sam.okafor@ok2charge.example', '--standalone')
    try:
        for console in (alex, sam):
            select_view(console, 'Unassigned')
        index = first_incomplete_row(alex)
        ticket_id = open_row(alex, index)
        check(open_row(sam, index) == ticket_id, 'both agents open %s' % ticket_id)

        # Sam starts the reply that asks for what the chatbot did not collect.
        missing = [n.name[:-len(': missing')] for n in sam.find_all(
            lambda n: n.roleName == 'label' and n.visible and n.name.endswith(': missing'),
            within=sam.ticket_view())]
        sam.click_button('Ask for the missing details', within=sam.ticket_view())
        text = wait_until(lambda: (lambda t: t if 'we need' in t else None)(composer_text(sam)),
                          'the missing-details reply')
        asked = re.findall(r'^• ([^(\n]+?)(?: \(or: .*\))?$', text, re.M)
        check(missing and asked == missing,
              'the reply asks for exactly the missing details: %s' % ', '.join(asked))

        # Alex claims the ticket meanwhile: Sam's console shows it at once.
        alex.click_button('Claim the ticket', within=alex.ticket_view())
        alex.button('Release the ticket', within=alex.ticket_view())
        check(True, 'Alex claims the ticket')
        sam.button('Take over the ticket', timeout=5, within=sam.ticket_view())
        check(True, 'Sam’s console shows Alex’s claim without a refresh')

        # Sam's reply answered the ticket before the claim: it is held back.
        sam.click_button('Send the reply', within=sam.ticket_view())
        problem = sam.label_starting('Not sent: Alex Rivera changed this ticket',
                                     within=sam.ticket_view())
        check(True, 'the reply is held back: “%s”' % problem.name)
        check(not any('Sam Okafor replied' in line for line in activity(alex)),
              'nothing reached the customer')

        # Read again, sent again.
        sam.click_button('Send the reply', within=sam.ticket_view())
        wait_until(lambda: any(line == 'Sam Okafor replied to the customer'
                               for line in activity(alex)),
                   'Sam’s reply in Alex’s activity')
        check(True, 'the second send goes through, and Alex sees it in the ticket’s activity')
        alex.named('Waiting for customer', 'label', within=alex.ticket_view())
        check(True, 'the reply put the ticket to waiting for the customer')

        alex.click_button('Resolve the ticket', within=alex.ticket_view())
        alex.button('Reopen the ticket', within=alex.ticket_view())
        sam.button('Reopen the ticket', timeout=5, within=sam.ticket_view())
        check(True, 'Alex resolves the ticket, and Sam sees it resolved')
    finally:
        sam.kill()
        alex.kill()


main()
