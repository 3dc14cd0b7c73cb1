# test_sign_in_and_queue.py — an agent signs in, reads the queue, opens tickets, and
# finds the console signed in again the next morning.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import re

from okc_gui import BACKEND_URL, Console, check, fail, press, type_text, wait_until


def sign_in(console):
    # The form opens with the address given on the command line and the cursor in Email.
    type_text('alex.rivera@ok2charge.example')
    press('Tab')
    type_text('not-the-password')
    press('Return')

    problem = console.find(lambda n: n.roleName == 'label' and n.visible and
                           'password is wrong' in n.name, 'the sign-in problem')
    check(True, 'a wrong password says so: “%s”' % problem.name)

    # The cursor is back in the password; replace what is there.
    press('<Control>a')
    type_text('demo-agent')
    press('Return')
    wait_until(console.ticket_rows, 'the queue to show tickets')
    check(True, 'the right password opens the queue')


def folder_count(console, title):
    item = console.find(lambda n: n.roleName == 'list item' and n.name.startswith(title + ', '),
                        'the “%s” view' % title, within=console.sidebar())
    return item, int(re.search(r', (\d+) tickets?$', item.name).group(1))


def check_queue(console):
    _, all_open = folder_count(console, 'All open')
    check(all_open > 0, 'the demo backend’s open tickets are counted: %d' % all_open)

    item, offline = folder_count(console, 'Charger offline')
    item.select()
    wait_until(lambda: console.find_all(
        lambda n: n.roleName == 'label' and n.name.startswith('%d ticket' % offline),
        within=console.queue_view()),
        'the queue to show the %d tickets of the view' % offline)
    rows = console.ticket_rows()
    check(rows and all('Charger offline' in r.name for r in rows),
          'the view shows only charger-offline tickets (%d rows on screen)' % len(rows))
    check(all(re.search(r'\d of \d details?$', r.name) for r in rows),
          'each row says how many details the chatbot collected')


def check_ticket_view(console):
    press('<Alt>Down')
    ticket = console.ticket_view()
    console.label_starting('Opened ', within=ticket)
    console.named('Charger is offline or not working', 'label', within=ticket)
    description = console.find(lambda n: n.roleName == 'label' and n.visible and
                               re.match(r'\d+ of \d+ required details? collected$', n.name),
                               'how many details were collected', within=ticket)
    check(True, 'the ticket shows “%s”' % description.name)
    console.label_starting('Property name: ', within=ticket)
    console.label_starting('Customer · ', within=ticket)
    console.label_starting('Chatbot · ', within=ticket)
    check(True, 'the ticket shows its collected fields and the chatbot conversation')

    # Walk down the queue to a ticket with a missing detail and one with a QR photo.
    seen_missing = seen_photo = False
    for _ in range(40):
        missing = [] if seen_missing else console.find_all(
            lambda n: n.roleName == 'label' and n.visible and n.name.endswith(': missing'),
            within=ticket)
        if missing:
            check(True, 'a detail the chatbot did not collect is marked: “%s”' % missing[0].name)
            seen_missing = True
        if not seen_photo and console.find_all(
                lambda n: n.roleName == 'label' and n.name == 'Photo of the QR code: Attached below',
                within=ticket):
            # The picture is named once the image arrived from the backend and decoded.
            wait_until(lambda: console.find_all(
                lambda n: n.roleName == 'image' and n.name.startswith('Photo of the QR code, '),
                within=ticket),
                'the QR photo to be fetched from the backend and shown')
            check(True, 'the QR code photo is shown')
            seen_photo = True
        if seen_missing and seen_photo:
            return
        press('<Alt>Down')
        wait_until(lambda: console.label_starting('Opened ', timeout=5, within=ticket),
                   'the next ticket')
    fail('no ticket with a missing detail and a QR photo in the first 40 of the view')


def main():
    console = Console('--backend-url', BACKEND_URL)
    try:
        sign_in(console)
        check_queue(console)
        check_ticket_view(console)
        console.quit()
    finally:
        console.kill()

    # The next start finds the token in the keyring and the queue on disk.
    console = Console()
    try:
        wait_until(console.ticket_rows, 'the queue to show the tickets saved last time')
        console.named('Alex Rivera', 'label')
        _, all_open = folder_count(console, 'All open')
        check(all_open > 0, 'the console starts signed in, with the queue')
        console.quit()
    finally:
        console.kill()


main()
