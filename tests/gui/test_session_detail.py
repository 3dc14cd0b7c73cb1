# test_session_detail.py — an agent opens a session the demo billed wrongly, reads the
# finding that explains it, refunds the difference from the finding, and sees the refund
# and what is left to refund.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import time
import urllib.parse

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, type_text, wait_until

# The kinds whose refund is a difference, not the whole bill, in the order we look for.
KINDS = ('idle_fee_while_charging', 'wrong_tax', 'wrong_rate')
LABELS = {
    'idle_fee_while_charging': 'Idle fee while charging',
    'wrong_tax': 'Wrong tax',
    'wrong_rate': 'Wrong rate',
}


def money(m):
    """As okc_money_format writes USD: "$2.16"."""
    assert m['currency'] == 'USD', m
    return '$%d.%02d' % divmod(m['amount'], 100)


def plain(m):
    return '%d.%02d' % divmod(m['amount'], 100)


def find_planted(api):
    """A session whose analysis has a difference finding with a refund, and nothing
    refunded yet. Sessions with the most idle time first: that is where an idle fee
    charged while charging hides."""
    for sort in ('-idle_seconds', '-billed_total'):
        page = api.call('GET', '/v1/sessions?' + urllib.parse.urlencode({'sort': sort, 'limit': 200}))
        for session in page['items']:
            analysis = api.call('GET', '/v1/sessions/%s/analysis' % session['id'])
            for finding in analysis['findings']:
                if finding['kind'] in KINDS and finding['refund']['amount'] > 0:
                    refunds = api.call('GET', '/v1/sessions/%s/refunds' % session['id'])
                    if not refunds['items']:
                        return session, finding, refunds['refundable']
    fail('the demo has a session with a planted mischarge')


def open_session(console, api, session):
    """Billing → Sessions, the log filtered to the session's charger and account, and the
    session's row activated: the rows are newest first, as the same query to the API."""
    listed = api.call('GET', '/v1/sessions?' + urllib.parse.urlencode(
        {'charger_id': session['charger_id'], 'account': session['account_id']}))['items']
    index = [s['id'] for s in listed].index(session['id'])
    press('<Control>3')
    table = console.find(lambda n: n.name == 'Sessions' and n.visible and
                         n.roleName in ('tree table', 'table'), 'the session log')

    def rows():
        cells = table.findChildren(lambda n: n.roleName == 'label' and n.visible and
                                   n.name == session['charger_id'] and
                                   n.parent.roleName == 'table cell')
        return sorted(cells, key=lambda n: n.position[1]) if len(cells) == len(listed) else None

    # On a loaded machine the X server may repeat a key typed into an entry ("CH-1001000"),
    # and GTK 4.8 does not expose an entry's text to check: the rows tell, else type again.
    for attempt in range(3):
        for name, value in (('Charger filter', session['charger_id']),
                            ('Account filter', session['account_id'])):
            # GTK 4.8's entries take no AT-SPI focus: a click gives them the keyboard.
            console.find(lambda n: n.name == name and n.visible, 'the %s' % name).click()
            press('<Control>a')
            type_text(value)
            press('Return')
        deadline = time.monotonic() + 20
        cells = None
        while cells is None and time.monotonic() < deadline:
            try:
                cells = rows()
            except Exception:   # a row that went away while we looked at it
                cells = None
            time.sleep(0.3)
        if cells is not None:
            break
    else:
        fail('the log filtered to the %d sessions of %s on %s' % (len(listed), session['account_id'],
                                                                 session['charger_id']))
    cells[index].click()
    press('Return')
    console.find(lambda n: n.visible and n.roleName == 'label' and n.name == session['id'] and
                 n.parent.roleName != 'table cell', 'the detail of %s' % session['id'])
    check(True, 'the session log opens %s' % session['id'])


def main():
    api = Api('alex.rivera@ok2charge.example', 'demo-agent')
    session, finding, refundable = find_planted(api)
    refund = finding['refund']
    print('session %s: %s, refund %s of %s refundable' % (session['id'], finding['kind'],
                                                          money(refund), money(refundable)))

    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', 'alex.rivera@ok2charge.example',
                      env=env)
    try:
        console.find(lambda n: n.roleName == 'panel' and ' priority: ' in n.name, 'the queue')
        open_session(console, api, session)

        console.find(lambda n: n.visible and n.roleName == 'image' and
                     n.name == 'Power over time' and n.description.startswith('Charged '),
                     'the power chart, described in words')
        check(True, 'the power chart says what it shows')
        console.label_starting(finding['summary'])
        check(True, 'the finding’s sentence shows: “%s”' % finding['summary'])
        console.named('Refund %s' % money(refund), 'label')
        check(True, 'the finding offers to refund %s' % money(refund))
        console.find(lambda n: n.visible and n.name.startswith('Still refundable: %s' % money(refundable)),
                     'what is still refundable before')

        # The button of this finding's row: the row reads "Kind: sentence".
        row_name = '%s: %s' % (LABELS[finding['kind']], finding['summary'])
        console.click(lambda n: n.roleName == 'push button' and
                      n.name.startswith('Refund the Difference') and
                      n.parent is not None and n.parent.parent is not None and
                      any(a.name == row_name for a in (n.parent, n.parent.parent,
                                                        n.parent.parent.parent) if a is not None),
                      'Refund the Difference on the finding')

        # GTK 4.8 does not expose an entry's text: the dialog says the amount in words too.
        console.find(lambda n: n.visible and n.roleName == 'label' and
                     n.name.startswith('Refunds %s to ' % money(refund)),
                     'the dialog prefilled with the finding’s refund, %s' % money(refund))
        check(True, 'the dialog’s amount is the finding’s refund, %s' % money(refund))
        console.find(lambda n: n.visible and n.roleName == 'label' and
                     n.name.startswith('Refunds above $') and 'supervisor' in n.name,
                     'the approval threshold from the refund policy')
        check(True, 'the dialog says which refunds wait for a supervisor')

        # More than is refundable is refused before it is sent, with the reason. The
        # amount has the keyboard when the dialog opens.
        press('<Control>a')
        type_text('%d.00' % (refundable['amount'] // 100 + 5))
        console.find(lambda n: n.visible and n.roleName == 'label' and
                     n.name.startswith('At most %s' % money(refundable)),
                     'the dialog to refuse more than is refundable')
        check(True, 'more than is refundable is refused with what is left')
        press('<Control>a')
        type_text(plain(refund))
        console.find(lambda n: n.visible and n.roleName == 'label' and
                     n.name.startswith('Refunds %s to ' % money(refund)), 'the amount typed again')

        console.click(lambda n: n.roleName == 'push button' and n.name == 'Refund',
                      'the dialog’s Refund button')
        console.label_starting('Refunded %s' % money(refund))
        check(True, 'the refund went through: “Refunded %s”' % money(refund))

        rest = {'amount': refundable['amount'] - refund['amount'], 'currency': 'USD'}
        console.find(lambda n: n.visible and n.name.startswith('Still refundable: %s' % money(rest)),
                     'what is still refundable to shrink to %s' % money(rest))
        check(True, 'what is still refundable shrank to %s' % money(rest))

        after = api.call('GET', '/v1/sessions/%s/refunds' % session['id'])
        check(len(after['items']) == 1 and after['items'][0]['amount'] == refund and
              after['items'][0]['reason'] == 'mischarge' and
              after['items'][0]['finding_kind'] == finding['kind'] and
              after['items'][0]['note'] == finding['summary'],
              'the backend holds one refund of %s for the finding, its note the sentence'
              % money(refund))
        check(after['refundable'] == rest, 'the backend agrees on what is left: %s' % money(rest))
        console.quit()
    finally:
        console.kill()


if __name__ == '__main__':
    main()
