# test_payout_dispute.py — a host's topic-10 ticket names a payout the run paid short: its
# payout ID opens the payout's page, whose ledger ends in "Paid $X short"; the gross
# revenue line opens onto its sessions; Credit Shortfall… credits it through the outbox,
# and the page shows the adjustment. Then the host's panel, reached from the property's
# page: its payouts and the revenue chart's description. A session of the ledger opens
# its page.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import time

from okc_gui import (Api, BACKEND_URL, Console, check, fail, press, screenshot, type_text,
                     wait_until)
from test_billing_dispute import click_within, is_button, money_text, open_ticket, within

AGENT = 'alex.rivera@ok2charge.example'


def short_payout_ticket(api):
    """A topic-10 ticket whose first payout ID is a payout paid short, not yet credited,
    with a property (its page leads to the host's panel), and that payout's reconciliation."""
    page = api.call('GET', '/v1/tickets?topic=payouts-reporting&limit=200')
    for ticket in page['tickets']:
        ids = ticket['fields'].get('payout_ids') or []
        if not ids or not ticket.get('property'):
            continue
        report = api.call('GET', '/v1/payouts/%s/reconciliation' % ids[0])
        if (report['totals']['difference']['amount'] < 0 and not report['adjustments'] and
                report['payout']['status'] in ('paid', 'in_transit')):
            return ticket, report
    fail('no topic-10 ticket of the demo names a payout paid short')


def is_window(name):
    return lambda n: n.roleName in ('frame', 'dialog', 'window') and n.name == name


def main():
    api = Api(AGENT, 'demo-agent')
    ticket, report = short_payout_ticket(api)
    payout = report['payout']
    shortfall = -report['totals']['difference']['amount']
    short_text = money_text({'amount': shortfall, 'currency': report['currency']})
    covered = [s for s in report['sessions'] if s['placement'] != 'deferred']
    print('ok: %s names %s, paid %s short' % (ticket['id'], payout['id'], short_text))

    console = Console('--backend-url', BACKEND_URL, '--user', AGENT,
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        open_ticket(console, ticket['id'])
        click_within(console.ticket_view(), 'Open %s' % payout['id'])
        page = console.find(is_window('Payout %s' % payout['id']), 'the payout’s page')
        verdict = within(page, lambda n: n.roleName == 'label' and
                         n.name == 'Paid %s short' % short_text, 'the verdict', 60)
        check(True, 'the ticket’s payout ID opens its page, whose ledger ends in “%s”'
              % verdict.name)
        gross = money_text(report['totals']['gross'])
        within(page, lambda n: n.roleName == 'list item' and
               n.name.startswith('Gross Revenue: %s' % gross), 'the gross revenue line')
        for line in ('Platform Fee: ', 'Expected: ', 'Payable: ', 'Sent: ', 'Received: '):
            within(page, lambda n, line=line: n.roleName == 'list item' and
                   n.name.startswith(line), 'the line “%s”' % line)
        check(True, 'the ledger has its lines, gross %s to what the bank received' % gross)

        # An expander's rows are in the tree while it is shut, with no size.
        first = covered[0]
        row = within(page, lambda n: n.roleName == 'list item' and
                     n.name.startswith(first['id'] + ': '), 'the first session’s row')
        check(row.size[1] == 0, 'the gross revenue line is shut at first')
        header = within(page, lambda n: n.roleName == 'list item' and n.name == 'Gross Revenue',
                        'the gross revenue line’s header')
        header.click()
        wait_until(lambda: row.size[1] > 0, 'the sessions under Gross Revenue')
        rows = page.findChildren(lambda n: n.roleName == 'list item' and n.name.startswith('SES-')
                                 and n.size[1] > 0)
        check(len(rows) >= len(covered),
              'Gross Revenue opens onto its %d sessions: “%s”' % (len(covered), row.name))
        screenshot('payout-ledger')
        # A session opens its page in the main window's session log.
        main = next(f for f in console.app.children if f.name == 'OK2Charge Agent Console')
        row.click()
        within(main, lambda n: n.roleName == 'label' and n.name == first['id'],
               'the session’s page in the main window')
        check(True, 'a session of the ledger opens its page, %s' % first['id'])

        click_within(page, 'Credit Shortfall…')
        dialog = console.find(is_window('Credit Shortfall'), 'the Credit Shortfall dialog')
        within(dialog, lambda n: n.roleName == 'label' and
               n.name.startswith('%s is %s short.' % (payout['id'], short_text)),
               'the dialog to say what is short')
        # More than is short is refused in the dialog, naming the limit.
        amount = within(dialog, lambda n: n.name.startswith('Amount to credit') and
                        n.roleName != 'label', 'the amount entry')
        amount.click()
        time.sleep(0.5)
        press('<Control>a')
        type_text('%d.%02d' % divmod(shortfall + 1, 100))
        limit = within(dialog, lambda n: n.roleName == 'label' and
                       n.name == 'At most %s: what the payout is still short' % short_text,
                       'the dialog to refuse more than the shortfall')
        button = within(dialog, is_button('Credit'), 'the Credit button')
        check(not button.sensitive, 'more than the shortfall is refused: “%s”' % limit.name)
        press('<Control>a')
        type_text('%d.%02d' % divmod(shortfall, 100))
        reason = within(dialog, lambda n: n.name.startswith('Reason for the credit') and
                        n.roleName != 'label', 'the reason entry')
        reason.click()
        time.sleep(0.5)
        type_text('The run left a session out')
        screenshot('payout-credit-dialog')
        click_within(dialog, 'Credit')
        adjustments = wait_until(lambda: (lambda r: r['adjustments'] or None)(
            api.call('GET', '/v1/payouts/%s/reconciliation' % payout['id'])), 'the adjustment')
        made = adjustments[0]
        check(len(adjustments) == 1 and made['amount']['amount'] == shortfall and
              made['ticket_id'] == ticket['id'] and made['reason'] == 'The run left a session out',
              'the backend holds one adjustment of %s for %s, with its reason' %
              (short_text, ticket['id']))
        within(page, lambda n: n.roleName == 'label' and
               n.name.startswith('Credited %s' % short_text), 'the page to say it is credited', 60)
        within(page, lambda n: n.roleName == 'list item' and n.name.startswith(made['id'] + ': '),
               'the adjustment on the page')
        within(page, lambda n: n.roleName == 'label' and
               n.name == 'Paid %s short; credited in full' % short_text, 'the new verdict')
        credit = page.findChild(lambda n: n.roleName == 'push button' and
                                n.name.startswith('Credit Shortfall'), retry=False,
                                requireResult=False)
        check(credit is None or not credit.visible,
              'the page shows %s and the verdict “Paid %s short; credited in full”; nothing '
              'left to credit' % (made['id'], short_text))
        screenshot('payout-credited')
        console.click_button('Close', within=page)

        # The host's panel, from the property's page.
        prop = ticket['property']
        host = api.call('GET', '/v1/properties/%s' % prop['id'])['host']
        payouts = api.call('GET', '/v1/payouts?host=%s&limit=20' % host['id'])
        console.click_button('More ticket actions')
        console.click(lambda n: n.name.startswith('Show Property'), 'Show Property in the menu')
        property_page = console.find(is_window(prop['name']), 'the page of %s' % prop['name'])
        screenshot('property-page')
        click_within(property_page, 'Payouts')
        # Its window is named after the host once their account has loaded.
        panel = console.find(is_window(host['name']), 'the host’s panel, named %s' % host['name'])
        newest = payouts['payouts'][0]
        within(panel, lambda n: n.roleName == 'list item' and
               n.name.startswith('%s: ' % newest['id']), 'the newest payout in the panel', 60)
        listed = panel.findChildren(lambda n: n.roleName == 'list item' and
                                    n.name.startswith('PAY-'))
        check(len(listed) == min(20, payouts['total']),
              'the host’s panel lists their payouts, newest first (%d of %d)' %
              (len(listed), payouts['total']))
        failed = [p for p in payouts['payouts'] if p['status'] == 'failed']
        for p in failed:
            within(panel, lambda n, p=p: n.roleName == 'list item' and
                   n.name.startswith(p['id'] + ': ') and p['failure_reason'] in n.name,
                   'the failed payout with the bank’s reason')
        chart = within(panel, lambda n: n.name == 'Revenue by day' and n.roleName == 'image',
                       'the revenue chart')
        wait_until(lambda: 'in the last 30 days from' in chart.description,
                   'the chart’s description')
        check('best day' in chart.description or 'no day had revenue' in chart.description,
              'the revenue chart describes itself: “%s”' % chart.description)
        screenshot('host-panel')
        row = within(panel, lambda n: n.roleName == 'list item' and
                     n.name.startswith('%s: ' % newest['id']), 'the newest payout')
        row.click()
        console.find(is_window('Payout %s' % newest['id']), 'the newest payout’s page')
        check(True, 'a payout of the panel opens its page')
    finally:
        console.kill()


if __name__ == '__main__':
    main()
