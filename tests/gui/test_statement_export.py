# test_statement_export.py — a host asks for their statement: from the host's panel, Export
# Statement… shows last month's totals, saves the sessions and the payouts as CSV files that
# read back to what the backend holds, and prints the statement to a PDF file whose text is
# read back too (docs/payouts.md, "Statements").
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import datetime
import os
import subprocess
import time

from okc_gui import Api, BACKEND_URL, Console, check, fail, press, screenshot, wait_until
from test_billing_dispute import click_within, money_text, within

AGENT = 'alex.rivera@ok2charge.example'


def is_window(name):
    return lambda n: n.roleName in ('frame', 'dialog', 'window') and n.name == name


def last_month():
    first_of_this = datetime.date.today().replace(day=1)
    last = first_of_this - datetime.timedelta(days=1)
    return last.replace(day=1).isoformat(), last.isoformat()


def busiest_host(api):
    """The host with the most properties, and one of those properties."""
    page = api.call('GET', '/v1/properties?limit=200')
    counts = {}
    for prop in page['properties']:
        counts.setdefault(prop['host']['id'], []).append(prop)
    host_id = max(sorted(counts), key=lambda h: len(counts[h]))
    return counts[host_id][0]['host'], counts[host_id][0]


def open_host_panel(console, prop, host):
    """The property's page (by its name in Property search) → Payouts → the host's panel."""
    console.click_button('More ticket actions')
    console.click(lambda n: n.name.startswith('Show Property'), 'Show Property in the menu')
    page = console.find(is_window(prop['name']), 'the page of %s' % prop['name'])
    click_within(page, 'Payouts')
    return page, console.find(is_window(host['name']), 'the host’s panel')


def read_csv(path):
    with open(path, encoding='utf-8-sig', newline='') as handle:
        return list(csv.reader(handle))


def saved_file(home, name, what):
    path = os.path.join(home, name)
    wait_until(lambda: os.path.exists(path) or None, what)
    return path


def save_as(console, dialog, button, name):
    """Presses @button and saves under the file chooser's suggestion, @name, in the home
    folder (the test's HOME has no Documents)."""
    click_within(dialog, button)
    # GTK 4.8 announces its file chooser's window as a filler, and not its name entry's text.
    chooser = console.find(lambda n: n.roleName in ('dialog', 'frame', 'filler') and
                           n.name == button.rstrip('…'), 'the file chooser')
    time.sleep(0.5)
    click_within(chooser, 'Save')
    return name


def main():
    api = Api(AGENT, 'demo-agent')
    host, prop = busiest_host(api)
    date_from, date_to = last_month()
    statement = api.call('GET', '/v1/accounts/%s/statement?from=%s&to=%s' %
                         (host['id'], date_from, date_to))
    totals = statement['totals']
    print('ok: %s has %d sessions and %d payouts in %s – %s' %
          (host['name'], totals['sessions'], len(statement['payouts']), date_from, date_to))
    # A ticket at the property opens its page.
    tickets = api.call('GET', '/v1/tickets?limit=200')['tickets']
    ticket = next((t for t in tickets if (t.get('property') or {}).get('id') == prop['id']), None)
    if ticket is None:
        fail('no ticket of the demo is at %s' % prop['name'])

    home = os.environ['HOME']
    console = Console('--backend-url', BACKEND_URL, '--user', AGENT,
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        from test_billing_dispute import open_ticket
        open_ticket(console, ticket['id'])
        _, panel = open_host_panel(console, prop, host)
        click_within(panel, 'Export Statement…')
        dialog = console.find(is_window('Export Statement'), 'the statement dialog')

        period = within(dialog, lambda n: n.name == 'Period' and n.roleName != 'label',
                        'the period row')
        period.click()
        # The choices open on the current one, This Month; the next is Last Month.
        console.find(lambda n: n.roleName == 'label' and n.name == 'Last Month' and n.visible,
                     'the periods to choose from')
        time.sleep(0.5)
        press('Down')
        press('Return')
        gross = money_text(totals['gross'])
        within(dialog, lambda n: n.name == 'Gross Revenue' and n.description == gross,
               'the gross revenue of last month, %s' % gross, 60)
        within(dialog, lambda n: n.name == 'Sessions' and
               n.description == str(totals['sessions']), 'the number of sessions')
        within(dialog, lambda n: n.name == 'Paid Out' and
               n.description == money_text(totals['paid_out']), 'what was paid out')
        check(True, 'the dialog shows last month: %d sessions, %s gross, %s paid out' %
              (totals['sessions'], gross, money_text(totals['paid_out'])))
        screenshot('statement-dialog')

        period_text = '%s to %s' % (date_from, date_to)
        name = save_as(console, dialog, 'Save Sessions as CSV…',
                       '%s sessions %s.csv' % (host['name'], period_text))
        rows = read_csv(saved_file(home, name, 'the sessions file'))
        check(rows[0][:3] == ['session_id', 'property', 'charger_id'] and
              len(rows) == len(statement['sessions']) + 1,
              'the sessions file has a header and the %d sessions' % len(statement['sessions']))
        names = {p['id']: p['name'] for p in statement['properties']}
        for row, session in zip(rows[1:], statement['sessions']):
            if (row[0] != session['id'] or row[1] != names[session['property_id']] or
                    row[6] != '%d.%02d' % divmod(session['gross']['amount'], 100) or
                    row[5] != '%d.%03d' % divmod(session['energy_wh'], 1000)):
                fail('the row %r is not the session %r' % (row, session))
        check(True, 'every row is its session, to the cent and the Wh')
        within(dialog, lambda n: n.name == 'Saved “%s”' % name, 'the toast that says it saved')

        name = save_as(console, dialog, 'Save Payouts as CSV…',
                       '%s payouts %s.csv' % (host['name'], period_text))
        rows = read_csv(saved_file(home, name, 'the payouts file'))
        check(len(rows) == len(statement['payouts']) + 1 and
              [r[0] for r in rows[1:]] == [p['id'] for p in statement['payouts']],
              'the payouts file has the %d payouts' % len(statement['payouts']))
        paid = sum(round(float(r[5]) * 100) for r in rows[1:] if r[4] == 'paid')
        check(paid == totals['paid_out']['amount'],
              'its paid payouts add up to what was paid out, %s' % money_text(totals['paid_out']))

        # Print to File writes the PDF beside the CSV files, under the statement's name.
        click_within(dialog, 'Print Statement…')
        printer = console.find(lambda n: n.roleName == 'dialog' and n.name == 'Print',
                               'the print dialog')
        to_file = console.find(lambda n: n.name == 'Print to File' and n.visible,
                               'Print to File among the printers', within=printer)
        to_file.click()
        time.sleep(1)
        click_within(printer, 'Print')
        pdf = saved_file(home, '%s statement %s.pdf' % (host['name'], period_text), 'the PDF')
        wait_until(lambda: os.path.getsize(pdf) > 0 or None, 'the PDF to be written')
        time.sleep(1)
        text = subprocess.run(['pdftotext', '-layout', pdf, '-'], check=True,
                              capture_output=True, text=True).stdout
        first = statement['sessions'][0]
        for expected in ('Statement for %s' % host['name'], 'Gross revenue', gross,
                         money_text(totals['paid_out']), first['id'],
                         money_text(first['gross']), 'Page 1 of '):
            if expected not in text:
                fail('the printed statement has no “%s”:\n%s' % (expected, text[:2000]))
        pages = text.count('\f') or 1
        check(True, 'the printed statement (%d pages) has the host, the totals, the sessions '
              'and page numbers' % pages)
    finally:
        console.quit()


main()
