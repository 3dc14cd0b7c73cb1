# test_charger_commands.py — remote commands from a ticket's charger card, against the
# backend's fleet simulator: a soft reset clears a firmware glitch and the charger comes
# back; a reset cannot clear a ground fault and the card says so; an offline charger's
# commands are disabled and say why.
#
# The causes are set through the backend's --simulator-control fault injection
# (docs/chargers.md), on chargers that demo tickets are about.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, type_text, wait_until

CHARGER_TOPICS = 'charger-offline,not-charging,guest-cannot-start'


def chargers_of_tickets(api, count):
    """Charger ids that open demo tickets of the charger topics are about, each once."""
    tickets = api.call('GET', '/v1/tickets?limit=500&status=new,open&topic=' +
                       CHARGER_TOPICS)['tickets']
    chosen = []
    for ticket in tickets:
        charger_id = ticket.get('charger_id')
        if charger_id and charger_id not in chosen:
            chosen.append(charger_id)
        if len(chosen) == count:
            return chosen
    fail('the demo data has fewer than %d chargers with open tickets' % count)


def healthy(api, charger_id):
    """The charger as a technician left it: online, no fault."""
    api.clear_cause(charger_id)
    api.wait_status(charger_id, 'online')


def queue_subtitle(console):
    """"42 tickets · updated 09:30", "3 tickets · search results"."""
    return console.find(lambda n: n.roleName == 'label' and n.visible and
                        re.match(r'\d+ tickets?( ·|$)', n.name), 'the queue’s subtitle').name


def open_ticket_about(console, charger_id, first):
    """Searches the queue for the charger and opens its first ticket; returns the card."""
    if first:
        press('<Control>f')
    else:
        press('<Control>a')
    type_text(charger_id)
    wait_until(lambda: 'search results' in queue_subtitle(console), 'the search for %s' % charger_id)
    name = 'Charger ' + charger_id

    # The search refines as it goes: the first row may still be the last search's for a
    # moment; open it again until it is a ticket about this charger.
    def opened():
        rows = console.ticket_rows()
        if not rows:
            return None
        rows[0].parent.select()
        return console.app.findChild(lambda n: n.roleName != 'label' and n.name == name,
                                     retry=False, requireResult=False)
    return wait_until(opened, 'a ticket about %s with its charger card' % charger_id)


def in_card(card, predicate):
    return card.findChild(predicate, retry=False, requireResult=False)


def status_of(card):
    node = in_card(card, lambda n: n.roleName == 'label' and n.name.startswith('Status: '))
    return node.name[len('Status: '):] if node else None


def command_button(card, name):
    # GTK 4.8 announces the accessible label, then the visible text ("Soft Reset Reset").
    return wait_until(lambda: in_card(card, lambda n: n.roleName == 'push button' and
                                      (n.name == name or n.name.startswith(name + ' '))),
                      'the “%s” button' % name)


def newest_command(card, kind_label):
    """The spoken label of the newest row of Recent Commands for that kind of command."""
    rows = card.findChildren(lambda n: n.roleName == 'list item' and
                             n.name.startswith(kind_label + ': '))
    return rows[0].name if rows else None


def follow_command(card, kind_label, final):
    """Waits for the newest command of the kind to reach @final; returns the states seen
    on the way, in order, and the row's last label."""
    seen = []
    last = [None]

    def reached():
        name = newest_command(card, kind_label)
        if name is None:
            return False
        last[0] = name
        state = name[len(kind_label) + 2:].split('.')[0]
        if not seen or seen[-1] != state:
            seen.append(state)
        return state == final or state in ('Rejected', 'Timed out', 'Failed')

    wait_until(reached, '“%s” to be %s' % (kind_label, final), timeout=60)
    return seen, last[0]


def soft_reset(card):
    button = command_button(card, 'Soft Reset')
    wait_until(lambda: button.sensitive, 'Soft Reset to be enabled')
    button.doActionNamed('click')


def check_firmware_glitch(console, api, charger_id, first):
    healthy(api, charger_id)
    api.set_cause(charger_id, 'firmware_glitch')
    api.wait_status(charger_id, 'faulted')

    card = open_ticket_about(console, charger_id, first)
    wait_until(lambda: status_of(card) == 'Faulted', 'the card to show %s faulted' % charger_id)
    check(True, 'the ticket’s card shows %s faulted by a firmware glitch' % charger_id)

    soft_reset(card)
    seen, label = follow_command(card, 'Soft reset', 'Completed')
    check(seen[-1] == 'Completed', 'the soft reset completed: %s' % label)
    # The charger may accept within a poll of the accessibility tree, so "Sent…" can be
    # gone before it is seen; what is seen must be in order, and never go back.
    check('Accepted' in seen and seen == [s for s in ('Sent…', 'Accepted', 'Completed') if s in seen],
          'its row went Sent → Accepted → Completed: %s' % ' → '.join(seen))
    wait_until(lambda: status_of(card) == 'Online', 'the charger to come back online')
    wait_until(lambda: in_card(card, lambda n: n.roleName == 'label' and
                               'Connector 1: Available' in n.name),
               'connector 1 to be Available again')
    check(True, 'the charger came back Online, connector 1 Available')


def check_ground_fault(console, api, charger_id):
    healthy(api, charger_id)
    api.set_cause(charger_id, 'ground_fault')
    api.wait_status(charger_id, 'faulted')

    card = open_ticket_about(console, charger_id, False)
    wait_until(lambda: status_of(card) == 'Faulted', 'the card to show %s faulted' % charger_id)
    soft_reset(card)
    seen, label = follow_command(card, 'Soft reset', 'Completed')
    check(seen[-1] == 'Completed', 'the reset of a ground-faulted charger completes: %s' % label)
    check('fault' in label.lower() or 'groundfailure' in label.lower().replace(' ', ''),
          'its outcome says the fault is back')
    check(status_of(card) == 'Faulted' and api.charger(charger_id)['status'] == 'faulted',
          'the charger stays Faulted')
    error = in_card(card, lambda n: n.roleName == 'label' and 'Ground failure' in n.name)
    check(error is not None, 'the card names the ground failure: %s' % (error.name if error else ''))


def check_offline(console, api, charger_id):
    healthy(api, charger_id)
    api.set_cause(charger_id, 'power_lost')
    api.wait_status(charger_id, 'offline')

    card = open_ticket_about(console, charger_id, False)
    wait_until(lambda: status_of(card) == 'Offline', 'the card to show %s offline' % charger_id)
    for name in ('Ask for Heartbeat', 'Soft Reset', 'Hard Reset'):
        button = command_button(card, name)
        wait_until(lambda: not button.sensitive, '%s to be disabled' % name)
        check('offline' in button.description,
              '%s is disabled and says why: %s' % (name, button.description))


def main():
    api = Api('alex.rivera@ok2charge.example', 'demo-agent')
    glitch, ground, offline = chargers_of_tickets(api, 3)
    console = Console('--backend-url', BACKEND_URL, '--user', 'alex.rivera@ok2charge.example',
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        wait_until(console.ticket_rows, 'the queue')
        check_firmware_glitch(console, api, glitch, True)
        check_ground_fault(console, api, ground)
        check_offline(console, api, offline)
        press('Escape')
        console.quit()
    finally:
        console.kill()


main()
