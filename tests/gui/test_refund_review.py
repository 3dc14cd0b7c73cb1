# test_refund_review.py — four eyes on a refund: an agent refunds a disputed session in
# full from its finding, above the approval threshold, and the refund waits for a
# supervisor, on the ticket too; the supervisor opens Refund Reviews (Ctrl+5), sees the
# request with its evidence and approves it with a comment; the refund goes through and
# the customer's confirmation is on the ticket. A supervisor's own request is theirs to
# ask, not to approve: the console says why, in the backend's words.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os

import pyatspi

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, screenshot, wait_until
from test_billing_dispute import (click_within, hand_off, money_text, open_ticket, within)

AGENT = 'alex.rivera@ok2charge.example'
SUPERVISOR = 'morgan.blake@ok2charge.example'
MAX_CANDIDATES = 200


def sessions_above(api, threshold):
    """Sessions billed above the threshold, with a property, whose audit finds something
    to refund, biggest first: (session, finding)."""
    page = api.call('GET', '/v1/sessions?limit=%d&sort=-billed_total' % MAX_CANDIDATES)
    for session in page['items']:
        if not session.get('property_name') or session['billed_total']['amount'] <= threshold:
            continue
        refunds = api.call('GET', '/v1/sessions/%s/refunds' % session['id'])
        if refunds['items']:
            continue
        analysis = api.call('GET', '/v1/sessions/%s/analysis' % session['id'])
        findings = [f for f in analysis['findings'] if f['refund']['amount'] > 0]
        if len(findings) == 1:
            yield session, findings[0]
    fail('no demo session above the threshold with one finding to refund')


def list_item_with(node, title, what, timeout=30):
    """The list item of @node that shows the label @title."""
    def found():
        label = node.findChild(lambda n: n.roleName == 'label' and n.name == title and n.visible,
                               retry=False, requireResult=False)
        while label is not None and label.roleName != 'list item':
            label = label.parent
        return label
    return wait_until(found, what, timeout)


def start(email, password):
    return Console('--backend-url', BACKEND_URL, '--user', email,
                   env=dict(os.environ, OKC_PASSWORD=password))


def request_full_refund(console, session, finding, ticket_id):
    open_ticket(console, ticket_id)
    sessions = console.find(lambda n: n.name == 'Charging Sessions' and n.visible and
                            n.roleName != 'label', 'the ticket’s Charging Sessions')
    within(sessions, lambda n: n.roleName == 'label' and n.name.startswith(finding['summary']),
           'the finding’s sentence', timeout=60)
    click_within(sessions, 'Refund the Difference')
    dialog = console.find(lambda n: n.roleName in ('dialog', 'frame', 'window') and n.visible and
                          n.name == 'Refund', 'the refund dialog')
    console.click_button('Full', within=dialog)
    policy = within(dialog, lambda n: n.roleName == 'label' and n.name.endswith('this one will.'),
                    'the dialog to say the refund will wait for a supervisor')
    check(True, 'the dialog says so before it is sent: “%s”' % policy.name)
    screenshot('refund-review-dialog')
    click_within(dialog, 'Refund')
    return sessions


def main():
    agent_api = Api(AGENT, 'demo-agent')
    threshold = agent_api.call('GET', '/v1/refund-policy')['approval_threshold']['amount']
    session, finding = next(sessions_above(agent_api, threshold))
    billed = session['billed_total']
    ticket_id = hand_off(session, [session['started_at']])
    print('ok: %s disputes %s (%s billed, the threshold is %s)' % (
        ticket_id, session['id'], money_text(billed),
        money_text({'amount': threshold, 'currency': billed['currency']})))

    console = start(AGENT, 'demo-agent')
    try:
        sessions = request_full_refund(console, session, finding, ticket_id)
        refund = wait_until(lambda: (lambda r: r['items'][0] if r['items'] else None)(
            agent_api.call('GET', '/v1/sessions/%s/refunds' % session['id'])), 'the refund')
        check(refund['status'] == 'pending_approval' and refund['amount'] == billed and
              refund['ticket_id'] == ticket_id,
              'the backend holds %s of %s for %s, waiting for approval' % (
                  refund['id'], money_text(refund['amount']), ticket_id))
        ticket_refunds = console.find(lambda n: n.name == 'Refunds on this ticket' and n.visible,
                                      'the ticket’s refunds')
        row = list_item_with(ticket_refunds, '%s on %s' % (money_text(billed), session['id']),
                             'the ticket’s refund')
        within(row, lambda n: n.roleName == 'label' and n.name == 'Waiting for approval',
               'the ticket’s refund to say it waits for approval')
        ticket = agent_api.call('GET', '/v1/tickets/' + ticket_id)
        check(ticket['status'] == 'waiting_approval',
              'the ticket shows the refund waiting for approval, and waits itself')
        screenshot('refund-review-ticket-waiting')
        # GTK 4.8 calls a hidden stack page visible: the sidebar's entry tells.
        check(not console.find_all(lambda n: n.roleName == 'list item' and n.visible and
                                   n.name.startswith('Refund Reviews')),
              'an agent has no Refund Reviews in the sidebar')
    finally:
        console.kill()

    console = start(SUPERVISOR, 'demo-supervisor')
    try:
        entry = console.find(lambda n: n.roleName == 'list item' and n.visible and
                             n.name.startswith('Refund Reviews, '),
                             'Refund Reviews in the supervisor’s sidebar')
        check(True, 'a supervisor has Refund Reviews: “%s”' % entry.name)
        press('<Control>5')
        wait_until(lambda: entry.getState().contains(pyatspi.STATE_SELECTED),
                   'Ctrl+5 to open Refund Reviews')
        requests = console.find(lambda n: n.name == 'Refund requests' and n.visible,
                                'the Refund Reviews list')
        row = list_item_with(requests, '%s · %s' % (money_text(billed), session['id']),
                             'the request in Refund Reviews')
        within(row, lambda n: n.roleName == 'label' and n.name.startswith('Alex Rivera · ') and
               n.name.endswith(' · ' + ticket_id), 'who asked and for which ticket')
        check(True, 'the request is listed with its amount, session, requester and ticket')
        row.select()
        review = console.find(lambda n: n.name == 'Findings' and n.roleName == 'list' and
                              n.visible, 'the request’s findings').parent
        while review is not None and not review.findChild(
                lambda n: n.name == 'Approve…' or n.name.startswith('Approve… '),
                retry=False, requireResult=False):
            review = review.parent
        within(review, lambda n: n.roleName == 'label' and n.name.startswith(finding['summary']),
               'the finding among the evidence')
        within(review, lambda n: n.roleName == 'label' and n.name == ticket_id,
               'the ticket among the evidence')
        within(review, lambda n: n.roleName == 'label' and n.name == refund['note'],
               'the agent’s note among the evidence')
        check(True, 'the request opens with its evidence: finding, ticket and note')
        screenshot('refund-review-evidence')

        console.click_button('Approve…', within=review)
        dialog = console.find(lambda n: n.roleName in ('dialog', 'frame', 'window') and
                              n.visible and n.name.startswith('Approve the Refund'),
                              'the approval dialog')
        comment = console.find(lambda n: n.name == 'Comment' and n.roleName == 'text',
                               'the comment', within=dialog)
        comment.text = 'Checked against the tariff'
        click_within(dialog, 'Approve')

        supervisor_api = Api(SUPERVISOR, 'demo-supervisor')
        done = wait_until(lambda: (lambda r: r if r['status'] == 'succeeded' else None)(
            supervisor_api.call('GET', '/v1/refunds/' + refund['id'])['refund']),
            'the refund to be approved and settled', 60)
        check(done['reviewed_by']['name'] == 'Morgan Blake' and
              done['review_comment'] == 'Checked against the tariff',
              'approved by Morgan Blake with the comment, and refunded')
        within(review, lambda n: n.roleName == 'label' and n.name == 'Refunded',
               'the request to show it refunded, live', 60)
        wait_until(lambda: not requests.findChild(lambda n: n.roleName == 'label' and n.name ==
                                                  '%s · %s' % (money_text(billed), session['id']),
                                                  retry=False, requireResult=False),
                   'the request to leave the list')
        check(True, 'the request leaves the list and shows Refunded')
        timeline = supervisor_api.call('GET', '/v1/tickets/%s/timeline' % ticket_id)
        entries = timeline.get('entries', timeline.get('items', []))
        replies = [e for e in entries if 'We have refunded %s' % money_text(billed)
                   in str(e.get('text', e.get('body', '')))]
        check(len(replies) == 1, 'the customer’s confirmation is a reply on the ticket')

        # Morgan asks for a refund above the threshold, and may not approve it.
        own_session, own_finding = next(s for s in sessions_above(supervisor_api, threshold)
                                        if s[0]['id'] != session['id'])
        own = supervisor_api.call('POST', '/v1/refunds', {
            'session_id': own_session['id'], 'amount': own_session['billed_total'],
            'reason': 'goodwill', 'note': 'My own request'})
        row = list_item_with(requests, '%s · %s' % (money_text(own['amount']),
                                                    own_session['id']),
                             'Morgan’s own request, live in the list', 60)
        row.select()
        within(review, lambda n: n.roleName == 'label' and n.name == 'My own request',
               'Morgan’s own request opened')
        console.click_button('Approve…', within=review)
        dialog = console.find(lambda n: n.roleName in ('dialog', 'frame', 'window') and
                              n.visible and n.name.startswith('Approve the Refund'),
                              'the approval dialog')
        click_within(dialog, 'Approve')
        refusal = within(review, lambda n: n.roleName == 'label' and
                         'another supervisor must review it' in n.name,
                         'the refusal of a self-review')
        check('Morgan Blake requested this refund' in refusal.name,
              'the requester cannot approve their own request: “%s”' % refusal.name)
        check(supervisor_api.call('GET', '/v1/refunds/' + own['id'])['refund']['status'] ==
              'pending_approval', 'and it still waits for another supervisor')
        screenshot('refund-review-self-review')
    finally:
        console.kill()


main()
