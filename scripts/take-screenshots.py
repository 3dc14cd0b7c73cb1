# take-screenshots.py — the metainfo's screenshots, taken from the real console on the GUI
# tests' demo data: the queue with a billing dispute open, a session's cost breakdown, a
# charger's page and a payout's reconciliation. Run by scripts/take-screenshots.sh inside
# tests/gui/run-gui-test.sh; writes OKC_SCREENSHOT_DIR/NAME.png of the console's window.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import time

from okc_gui import Api, BACKEND_URL, Console, press, wait_until
from test_billing_dispute import click_within, hand_off, open_ticket, overcharged_session, within
from test_charger_panel import wait_rows
from test_payout_dispute import is_window, short_payout_ticket
from test_session_detail import find_planted, open_session

AGENT = 'alex.rivera@ok2charge.example'
DIRECTORY = os.environ['OKC_SCREENSHOT_DIR']


def window_id(title):
    found = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^%s$' % title],
                           capture_output=True, text=True).stdout.split()
    return found[-1] if found else None


def take(name, title='OK2Charge Agent Console', size=None):
    """The window named @title (first resized to @size), once its content has settled,
    as DIRECTORY/name.png."""
    window = wait_until(lambda: window_id(title), 'the window “%s”' % title)
    if size is not None:
        subprocess.run(['xdotool', 'windowsize', window] + [str(n) for n in size], check=True)
    time.sleep(2)
    path = os.path.join(DIRECTORY, name + '.png')
    subprocess.run(['import', '-window', window, path], check=True)
    print('ok: %s' % path)


def set_window_size(width, height):
    """The console opens at its saved size: save the screenshots' size in the keyfile
    settings backend the GUI session uses."""
    directory = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, 'keyfile'), 'w') as keyfile:
        keyfile.write('[com/ok2charge/AgentConsole]\nwindow-width=%d\nwindow-height=%d\n'
                      % (width, height))


def main():
    set_window_size(1280, 800)
    api = Api(AGENT, 'demo-agent')
    threshold = api.call('GET', '/v1/refund-policy')['approval_threshold']['amount']
    disputed, _, _ = overcharged_session(api, threshold)
    ticket_id = hand_off(disputed, [disputed['started_at']])
    planted, _, _ = find_planted(api)
    ticket, report = short_payout_ticket(api)

    console = Console('--backend-url', BACKEND_URL, '--user', AGENT,
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        open_ticket(console, ticket_id)
        sessions = console.find(lambda n: n.name == 'Charging Sessions' and n.visible and
                                n.roleName != 'label', 'the ticket’s Charging Sessions')
        within(sessions, lambda n: n.roleName == 'label' and n.name == 'Likely match',
               'the likely session’s badge')
        take('queue')

        open_session(console, api, planted)
        # Down to the cost breakdown, below the session's facts and power chart.
        subprocess.run(['xdotool', 'mousemove', '760', '500'], check=True)
        for _ in range(6):
            subprocess.run(['xdotool', 'click', '5'], check=True)
        take('session')

        press('<Control>2')
        rows = wait_rows(console, 'the chargers')
        rows[0][0].parent.select()
        take('charger')

        press('<Control>1')
        open_ticket(console, ticket['id'])
        click_within(console.ticket_view(), 'Open %s' % report['payout']['id'])
        title = 'Payout %s' % report['payout']['id']
        page = console.find(is_window(title), 'the payout’s page')
        within(page, lambda n: n.roleName == 'label' and n.name.startswith('Paid '),
               'the verdict', 60)
        take('payout', title, (960, 800))
    finally:
        console.kill()


if __name__ == '__main__':
    main()
