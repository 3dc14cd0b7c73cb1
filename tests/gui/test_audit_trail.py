# test_audit_trail.py — the audit trail in the console: on a ticket, the actions taken
# from it; for a supervisor, the Audit Trail of every action, filtered by the person who
# did it, an entry opened with its before and after; for an agent, no Audit Trail.
#
# The actions are made through the API as the demo's agent and supervisor: a refund and a
# heartbeat request from a ticket, and a refund by the supervisor from no ticket.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, type_text, wait_until

AGENT = 'alex.rivera@ok2charge.example'
SUPERVISOR = 'morgan.blake@ok2charge.example'


def usd(cents):
    return '$%d.%02d' % (cents // 100, cents % 100)


def make_actions(agent, supervisor):
    """A refund and a command from a charger ticket by the agent, a refund by the
    supervisor; returns the ticket's id and the two refunds."""
    tickets = agent.call('GET', '/v1/tickets?limit=50&status=new,open&topic=charger-offline')
    ticket = next((t for t in tickets['tickets'] if t.get('charger_id')), None)
    if ticket is None:
        fail('the demo has no open charger-offline ticket with a charger')
    sessions = agent.call('GET', '/v1/sessions?limit=20')['items']
    session = next((s for s in sessions if s['billed_total']['currency'] == 'USD' and
                    s['billed_total']['amount'] >= 100), None)
    if session is None:
        fail('the demo has no USD session of a dollar or more')

    def refund(api, cents, ticket_id):
        body = {'session_id': session['id'], 'amount': {'amount': cents, 'currency': 'USD'},
                'reason': 'goodwill', 'note': 'GUI test of the audit trail'}
        if ticket_id:
            body['ticket_id'] = ticket_id
        return api.call('POST', '/v1/refunds', body)

    by_agent = refund(agent, 3, ticket['id'])
    agent.call('POST', '/v1/chargers/%s/commands' % ticket['charger_id'],
               {'kind': 'trigger_heartbeat', 'connector_id': 0, 'ticket_id': ticket['id']})
    by_supervisor = refund(supervisor, 4, None)
    return ticket['id'], session['id'], by_agent, by_supervisor


def refund_words(name, refund, cents, session_id):
    return '%s requested refund %s (%s) for %s' % (name, refund['id'], usd(cents), session_id)


def open_ticket(console, ticket_id):
    press('<Control>f')
    press('<Control>a')
    type_text(ticket_id)

    def opened():
        rows = console.ticket_rows()
        if not rows:
            return None
        rows[0].parent.select()
        return console.app.findChild(lambda n: n.roleName == 'label' and n.name == ticket_id
                                     and n.visible, retry=False, requireResult=False)
    wait_until(opened, 'the ticket %s to open' % ticket_id)


def check_agent(ticket_id, session_id, refund):
    console = Console('--backend-url', BACKEND_URL, '--user', AGENT,
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        wait_until(console.ticket_rows, 'the queue')
        open_ticket(console, ticket_id)
        actions = console.find(lambda n: n.name == 'Actions on this ticket',
                               'the ticket’s Actions')
        words = refund_words('Alex Rivera', refund, 3, session_id)
        console.find(lambda n: n.name == words, 'the refund among the ticket’s actions',
                     within=actions)
        console.find(lambda n: n.name.startswith('Alex Rivera sent “Ask for a heartbeat”'),
                     'the heartbeat request among the ticket’s actions', within=actions)
        check(not console.find_all(lambda n: 'requested refund' in n.name and
                                   'Morgan Blake' in n.name, within=actions),
              'the supervisor’s refund from no ticket is not among the ticket’s actions')
        print('ok: the ticket lists the actions taken from it: “%s”' % words)

        # A hidden widget is not in the accessibility tree at all.
        check(not console.find_all(lambda n: n.name == 'Audit Trail' and
                                   n.roleName == 'list item' and n.visible),
              'an agent’s sidebar has no Audit Trail')
        all_open = console.find(lambda n: n.roleName == 'list item' and
                                n.name.startswith('All open, '), 'the All open view')
        check(all_open.selected, 'the All open view is chosen')
        press('<Control>6')
        console.named(ticket_id, role='label')
        check(all_open.selected, 'Ctrl+6 leaves an agent in the queue: no Audit Trail')
        console.named(ticket_id, role='label')
        console.quit()
    finally:
        console.kill()


def choose(console, area, dropdown, item_text):
    """Picks item_text in a drop-down by the keyboard, as a person would: GTK 4.8's
    drop-down popover takes no AT-SPI selection."""
    def current():
        node = console.find(lambda n: n.roleName == 'combo box' and n.name == dropdown,
                            'the “%s”' % dropdown, within=area)
        return [c.name for c in node.findChildren(lambda c: c.roleName == 'label' and c.name
                                                  and c.name != '(None)')][0]

    def in_popover(node):
        for _ in range(12):
            if node is None or node.roleName in ('frame', 'application'):
                return False
            if node.name == 'GtkPopover':
                return True
            node = node.parent
        return False

    before = current()
    console.click(lambda n: n.roleName == 'combo box' and n.name == dropdown,
                  'the “%s”' % dropdown, within=area)
    items = wait_until(lambda: [n.name for n in console.find_all(
        lambda n: n.roleName == 'label' and n.name and in_popover(n) and
        n.parent.parent.roleName == 'list item', within=area)],
        'the items of the “%s”' % dropdown)
    check(item_text in items, '“%s” is one of the “%s”’s items' % (item_text, dropdown))
    moves = items.index(item_text) - items.index(before)
    for _ in range(abs(moves)):
        press('Down' if moves > 0 else 'Up')
    press('Return')
    wait_until(lambda: current() == item_text, 'the “%s” to read “%s”' % (dropdown, item_text))


def select_row_of(node):
    """Selects the column view's row holding a cell's label."""
    row = node
    for _ in range(6):
        row = row.parent
        if row is None:
            break
        if row.roleName in ('list item', 'table row'):
            return row.select()
    fail('the row of “%s” was not found' % node.name)


def check_supervisor(session_id, by_agent, by_supervisor):
    console = Console('--backend-url', BACKEND_URL, '--user', SUPERVISOR,
                      env=dict(os.environ, OKC_PASSWORD='demo-supervisor'))
    try:
        wait_until(console.ticket_rows, 'the queue')
        console.find(lambda n: n.name == 'Audit Trail' and n.roleName == 'list item' and
                     n.visible, 'the Audit Trail in a supervisor’s sidebar')
        press('<Control>6')
        table = console.find(lambda n: n.name == 'Audit trail' and n.visible,
                             'the Audit Trail’s list')
        # The view: the filters' box holds the person filter, its parent the list and
        # the detail pane.
        person = console.find(lambda n: n.roleName == 'combo box' and n.name == 'Person filter',
                              'the person filter')
        area = person.parent.parent
        agent_words = refund_words('Alex Rivera', by_agent, 3, session_id)
        supervisor_words = refund_words('Morgan Blake', by_supervisor, 4, session_id)
        console.find(lambda n: n.roleName == 'label' and n.name == agent_words,
                     'the agent’s refund in the Audit Trail', within=table)
        console.find(lambda n: n.roleName == 'label' and n.name == supervisor_words,
                     'the supervisor’s refund in the Audit Trail', within=table)
        print('ok: the Audit Trail lists both refunds')

        choose(console, area, 'Person filter', 'Alex Rivera')
        wait_until(lambda: not console.find_all(lambda n: n.roleName == 'label' and
                                                n.name == supervisor_words, within=table),
                   'the supervisor’s refund to leave the list filtered by Alex Rivera')
        cell = console.find(lambda n: n.roleName == 'label' and n.name == agent_words,
                            'the agent’s refund in the filtered list', within=table)
        whos = {n.name for n in console.find_all(
            lambda n: n.roleName == 'label' and n.name in ('Alex Rivera', 'Morgan Blake',
                                                           'OK2Charge'), within=table)}
        check(whos == {'Alex Rivera'}, 'filtered by Alex Rivera, every row is his (%s)' %
              ', '.join(sorted(whos)))
        print('ok: filtered by the person who did it')

        select_row_of(cell)
        detail = console.find(lambda n: n.name == 'Entry detail', 'the entry’s detail', within=area)
        console.find(lambda n: n.roleName == 'label' and n.name == agent_words,
                     'the entry’s words in its detail', within=detail)
        console.find(lambda n: n.name == 'Amount: from — to %s' % usd(3),
                     'the amount, before → after', within=detail)
        console.find(lambda n: n.name == 'Id: from — to %s' % by_agent['id'],
                     'the refund’s id, before → after', within=detail)
        print('ok: the entry opens with its before and after')
        console.quit()
    finally:
        console.kill()


def main():
    agent = Api(AGENT, 'demo-agent')
    supervisor = Api(SUPERVISOR, 'demo-supervisor')
    ticket_id, session_id, by_agent, by_supervisor = make_actions(agent, supervisor)
    check_agent(ticket_id, session_id, by_agent)
    check_supervisor(session_id, by_agent, by_supervisor)


main()
