# test_billing_dispute.py — from a billing-dispute ticket to its finding: the sessions
# around the reported time are listed with the likely one marked, the session's finding
# says what went wrong, "Refund the Difference" refunds it and the ticket's activity says
# so, and "Reply with Breakdown" writes the bill line by line into the reply. A dispute
# that gives no time says which detail is missing; one about a day without sessions says
# which sessions it looked for; with the backend gone the list says it could not load, and
# Retry lists the sessions once it is back.
#
# The ticket is made through the chatbot's hand-off, about a demo session that the
# backend's own audit finds overcharged, reporting its time and amount as a customer would.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import signal
import subprocess
from urllib.parse import urlparse

from okc_gui import (Api, BACKEND_URL, WORK_DIR, Console, check, fail, press, screenshot,
                     type_text, wait_until)

AGENT = 'alex.rivera@ok2charge.example'
# Checked sessions, newest first, before the test gives up finding a planted mischarge.
MAX_CANDIDATES = 400


def money_text(money):
    """As okc_money_format writes the demo's dollars: "$2.16"."""
    if money['currency'] != 'USD':
        fail('the demo bills in %s, not USD' % money['currency'])
    return '$%d.%02d' % divmod(money['amount'], 100)


def overcharged_session(api, threshold):
    """A session whose audit finds one overcharge, that an agent may refund at once, with
    a property (a billing dispute names the property) and no refund yet, and its analysis."""
    page = api.call('GET', '/v1/sessions?limit=%d' % MAX_CANDIDATES)
    for session in page['items']:
        if not session.get('property_name'):
            continue
        analysis = api.call('GET', '/v1/sessions/%s/analysis' % session['id'])
        findings = [f for f in analysis['findings'] if f['refund']['amount'] > 0]
        # Not the second of a charge billed twice: its twin has the same start and amount,
        # so the customer's report cannot tell which one is the likely match.
        # Nor one the demo already has a refund for (it plants some waiting for approval).
        if (len(findings) == 1 and findings[0]['refund']['amount'] <= threshold and
                findings[0]['kind'] != 'double_billing' and
                not api.call('GET', '/v1/sessions/%s/refunds' % session['id'])['items']):
            return session, analysis, findings[0]
    fail('none of the newest %d demo sessions has a finding to refund' % MAX_CANDIDATES)


def hand_off(session, times, requester='Maya Chen'):
    """The chatbot's hand-off of a customer who disputes that session's charge, saying
    it was at @times (none: the chatbot did not get the time)."""
    chatbot = Api('chatbot@ok2charge.example', 'demo-chatbot')
    fields = {
        'property_name': session['property_name'],
        'amounts_charged': [session['billed_total']],
        'card_last4': '4242',
        'dispute_kind': 'overcharge',
    }
    if times:
        fields['session_times'] = times
    ticket = chatbot.call('POST', '/v1/handoffs', {
        'topic': 'billing-dispute',
        'summary': 'Charged too much at %s' % session['property_name'],
        'requester': {'name': requester, 'email': 'maya.chen@example.com',
                      'audience': 'guest'},
        'fields': fields,
        'transcript': [
            {'sender': 'customer', 'sent_at': session['ended_at'],
             'text': 'I was charged more than the posted price'},
            {'sender': 'chatbot', 'sent_at': session['ended_at'],
             'text': 'Passing you to an agent'},
        ],
        'attachments': [],
    })
    return ticket['id']


def search(console, text):
    press('<Control>f')
    press('<Control>a')
    type_text(text)


def open_ticket(console, ticket_id):
    search(console, ticket_id)

    def opened():
        rows = console.ticket_rows()
        if not rows:
            return None
        rows[0].parent.select()
        return console.app.findChild(lambda n: n.roleName == 'label' and n.name == ticket_id
                                     and n.visible, retry=False, requireResult=False)
    wait_until(opened, 'the ticket %s to open' % ticket_id)


def stop_backend():
    os.kill(int(os.environ['OKC_TEST_BACKEND_PID']), signal.SIGTERM)


def restart_backend():
    """The same backend again, on the same port and database (as test_offline.py)."""
    port = urlparse(BACKEND_URL).port
    log = open(os.path.join(WORK_DIR, 'backend-restarted.log'), 'w')
    backend = subprocess.Popen([os.environ['OKC_BACKEND_PATH'],
                                '--database', os.path.join(WORK_DIR, 'backend.sqlite'),
                                '--listen', '127.0.0.1:%d' % port],
                               stdout=log, stderr=subprocess.STDOUT)
    with open(os.path.join(WORK_DIR, 'backend.pid'), 'w') as f:
        f.write(str(backend.pid))
    wait_until(lambda: 'Listening on' in open(log.name).read(), 'the backend to restart')


def within(node, predicate, what, timeout=30):
    return wait_until(lambda: node.findChild(lambda n: n.visible and predicate(n), retry=False,
                                             requireResult=False), what, timeout)


def is_button(name):
    # GTK 4.8 announces the accessible label, then the visible text; a label that keeps
    # its mnemonic reads "_Refund Refund".
    return lambda n: (n.roleName == 'push button' and
                      (n.name.replace('_', '') == name or
                       n.name.replace('_', '').startswith(name + ' ')))


def click_within(node, name, timeout=30):
    button = within(node, is_button(name), 'the “%s” button' % name, timeout)
    wait_until(lambda: button.sensitive, '“%s” to be enabled' % name)
    button.doActionNamed('click')


def main():
    api = Api(AGENT, 'demo-agent')
    threshold = api.call('GET', '/v1/refund-policy')['approval_threshold']['amount']
    session, analysis, finding = overcharged_session(api, threshold)
    ticket_id = hand_off(session, [session['started_at']])
    print('ok: %s disputes %s (%s billed): %s' % (ticket_id, session['id'],
                                                   money_text(session['billed_total']),
                                                   finding['summary']))

    console = Console('--backend-url', BACKEND_URL, '--user', AGENT,
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        open_ticket(console, ticket_id)
        sessions = console.find(lambda n: n.name == 'Charging Sessions' and n.visible and
                                n.roleName != 'label', 'the ticket’s Charging Sessions')
        within(sessions, lambda n: n.roleName == 'label' and n.name == 'Likely match',
               'the likely session’s badge')
        rows = sessions.findChildren(lambda n: n.roleName == 'list item' and n.visible and
                                     ' billed · ' in n.name)
        likely = [r for r in rows if r.findChild(lambda n: n.name == 'Likely match',
                                                 retry=False, requireResult=False)]
        check(len(likely) == 1 and session['id'] in likely[0].name,
              'the sessions around the reported time are listed (%d), %s marked Likely match'
              % (len(rows), session['id']))

        within(sessions, lambda n: n.roleName == 'label' and
               n.name.startswith(finding['summary']), 'the finding’s sentence', timeout=60)
        check(True, 'the likely session opens below with its finding: “%s”' % finding['summary'])

        screenshot('billing-dispute-sessions')
        click_within(sessions, 'Refund the Difference')
        # The dialog is a window of its own, prefilled with what the console's audit of the
        # session refunds; AT-SPI does not show an entry row's text, the backend tells.
        dialog = console.find(lambda n: n.roleName in ('dialog', 'frame', 'window') and
                              n.visible and n.name == 'Refund', 'the refund dialog')
        click_within(dialog, 'Refund')
        refunds = wait_until(lambda: (lambda r: r if r['items'] else None)(
            api.call('GET', '/v1/sessions/%s/refunds' % session['id'])), 'the refund')
        offered = refunds['items'][0]['amount']
        if offered != finding['refund']:
            print('note: the console refunded %s, the backend’s analysis says %s' %
                  (money_text(offered), money_text(finding['refund'])))
        within(sessions, lambda n: n.roleName == 'label' and
               n.name.startswith('Refunded %s' % money_text(offered)),
               'the finding to say it is refunded')
        activity = console.find(lambda n: n.name == 'Ticket activity', 'the ticket’s activity')
        note = within(activity, lambda n: n.roleName == 'label' and 'Refund RFD-' in n.name and
                      n.name.endswith('within the approval threshold: processing'),
                      'the refund in the ticket’s activity', 60)
        check(money_text(offered) in note.name and session['id'] in note.name,
              'refunded, and noted in the ticket’s activity: “%s”' % note.name)
        # Under the threshold the payment processor settles it a moment later.
        settled = wait_until(lambda: (lambda r: r if [x['status'] for x in r['items']] ==
                                      ['succeeded'] else None)(
            api.call('GET', '/v1/sessions/%s/refunds' % session['id'])), 'the refund to settle')
        check(settled['items'][0]['amount'] == offered and
              settled['items'][0]['ticket_id'] == ticket_id,
              'the backend holds one refund of %s for the ticket, succeeded' % money_text(offered))
        timeline = api.call('GET', '/v1/tickets/%s/timeline' % ticket_id)['entries']
        replies = [e['text'] for e in timeline if e['kind'] == 'reply' and
                   e['text'].startswith('We have refunded %s' % money_text(offered))]
        check(len(replies) == 1 and session['id'] in replies[0],
              'the confirmation to the customer is a reply on the ticket: “%s”' %
              (replies[0] if replies else None))

        click_within(sessions, 'Reply with Breakdown')
        composer = console.find(lambda n: n.roleName == 'text' and n.visible and
                                n.name == 'Reply to the customer', 'the reply composer')
        text = wait_until(lambda: (lambda t: t if money_text(session['billed_total']) in t
                                   else None)(composer.text), 'the breakdown in the reply')
        lines = [line for line in analysis['billed']['lines']]
        for line in lines:
            check(money_text(line['amount']) in text,
                  'the reply has the billed line of %s' % money_text(line['amount']))
        check(finding['summary'] in text, 'the reply says what went wrong')
        screenshot('billing-dispute-reply')

        open_ticket(console, hand_off(session, None))
        message = within(sessions, lambda n: n.roleName == 'label' and
                         n.name.startswith('The ticket does not say when the customer charged'),
                         'the sessions to say the time is missing')
        check('“Session date and time” is missing' in message.name,
              'a dispute without a time says which detail is missing')

        open_ticket(console, hand_off(session, ['2024-03-05T12:00:00Z']))
        message = within(sessions, lambda n: n.roleName == 'label' and
                         n.name.startswith('No sessions at %s from '
                                           % session['property_name']),
                         'the sessions to say there are none')
        check(True, 'a day without sessions says so: “%s”' % message.name)

        # A ticket the console has, opened while the backend is away.
        search(console, hand_off(session, [session['started_at']], 'Noor Haddad'))
        row = wait_until(lambda: [r for r in console.ticket_rows() if 'Noor Haddad' in r.name],
                         'the third dispute in the queue')[0]
        stop_backend()
        row.parent.select()
        message = within(sessions, lambda n: n.roleName == 'label' and
                         n.name.startswith('The sessions could not be loaded: '),
                         'the sessions to say they could not be loaded', 60)
        check(True, 'without the backend the list says so: “%s”' % message.name)
        restart_backend()
        click_within(sessions, 'Retry loading the sessions')
        within(sessions, lambda n: n.roleName == 'label' and n.name == 'Likely match',
               'the sessions after Retry', 60)
        check(True, 'Retry lists the sessions once the backend is back')
    finally:
        console.kill()


# test_refund_review.py borrows the helpers above.
if __name__ == '__main__':
    main()
