# test_outbox.py — nothing lost: a remote command made while the backend is away waits in
# the outbox; the console is killed and opened again; once the backend is back, the
# command is sent, the header's count goes to zero, and the backend holds it once.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import signal
import subprocess
from urllib.parse import urlparse

from okc_gui import Api, BACKEND_URL, WORK_DIR, Console, check, press, screenshot, wait_until

USER = 'alex.rivera@ok2charge.example'
ROW = re.compile(r'^(CH-[\w-]+), Online, ')
WAITING = re.compile(r'^(\d+) actions? waiting to be sent$')


def stop_backend():
    os.kill(int(os.environ['OKC_TEST_BACKEND_PID']), signal.SIGTERM)


def restart_backend():
    """The same backend again, on the same port and database, as after a restart."""
    port = urlparse(BACKEND_URL).port
    log = open(os.path.join(WORK_DIR, 'backend-restarted.log'), 'w')
    backend = subprocess.Popen([os.environ['OKC_BACKEND_PATH'],
                                '--database', os.path.join(WORK_DIR, 'backend.sqlite'),
                                '--listen', '127.0.0.1:%d' % port],
                               stdout=log, stderr=subprocess.STDOUT)
    with open(os.path.join(WORK_DIR, 'backend.pid'), 'w') as f:
        f.write(str(backend.pid))
    wait_until(lambda: 'Listening on' in open(log.name).read(), 'the backend to restart')


def heartbeats_asked(api, charger_id):
    commands = api.call('GET', '/v1/chargers/%s/commands?limit=100' % charger_id)['commands']
    return len([c for c in commands if c['kind'] == 'trigger_heartbeat'])


def outbox_button(console):
    """The header bar's count, when it shows: (node, count) or None."""
    node = console.app.findChild(lambda n: n.visible and WAITING.match(n.name or ''),
                                 retry=False, requireResult=False)
    return (node, int(WAITING.match(node.name).group(1))) if node else None


def open_online_charger(console):
    press('<Control>2')
    charger_list = console.find(lambda n: n.roleName == 'list' and n.name == 'Chargers',
                                'the list of chargers')
    row = wait_until(lambda: charger_list.findChild(
        lambda n: n.roleName == 'panel' and n.visible and ROW.match(n.name or ''),
        retry=False, requireResult=False), 'an online charger')
    charger_id = ROW.match(row.name).group(1)
    row.parent.select()
    console.find(lambda n: n.roleName == 'label' and n.visible and n.name == charger_id,
                 'the page of %s' % charger_id)
    button = console.button('Ask for Heartbeat')
    wait_until(lambda: button.sensitive, 'Ask for Heartbeat to be enabled')
    return charger_id, button


def check_waiting(console, charger_id):
    node, count = wait_until(lambda: outbox_button(console), 'the header bar’s outbox count')
    check(count == 1, 'the header bar says “%s”' % node.name)
    console.click(lambda n: n.name == node.name, 'the outbox button')
    actions = console.find(lambda n: n.roleName == 'list' and n.name == 'Actions waiting to be sent',
                           'the outbox’s list')
    console.find(lambda n: n.roleName == 'label' and n.name == 'Ask for a heartbeat on ' + charger_id,
                 'the command in the outbox', within=actions)
    state = console.find(lambda n: n.roleName == 'label' and
                         n.name.startswith('Waiting to send, next attempt at '),
                         'its state in words', within=actions)
    check('Cannot reach the backend' in state.name and re.search(r'\d+ attempts?$', state.name),
          'the popover lists it: “%s”' % state.name)
    screenshot('outbox-waiting')
    press('Escape')


def main():
    api = Api(USER, 'demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', USER,
                      env=dict(os.environ, OKC_PASSWORD='demo-agent'))
    try:
        console.find(lambda n: n.roleName == 'panel' and ' priority: ' in n.name, 'the queue')
        check(outbox_button(console) is None, 'with nothing waiting, the header bar shows no count')
        charger_id, button = open_online_charger(console)
        before = heartbeats_asked(api, charger_id)

        stop_backend()
        button.doActionNamed('click')
        check_waiting(console, charger_id)

        console.process.send_signal(signal.SIGKILL)
        console.process.wait()
        check(True, 'the console was killed (SIGKILL) with the command unsent')
    finally:
        console.kill()

    # The sign-in is restored from the keyring, offline: the outbox is read from the store.
    console = Console('--backend-url', BACKEND_URL, '--user', USER)
    try:
        node, count = wait_until(lambda: outbox_button(console), 'the outbox count after a restart')
        check(count == 1, 'opened again, the header bar still says “%s”' % node.name)

        restart_backend()
        wait_until(lambda: outbox_button(console) is None, 'the command to be sent', timeout=90)
        check(True, 'once the backend is back, the command is sent and the count goes away')
        after = heartbeats_asked(api, charger_id)
        check(after == before + 1, 'the backend holds the command once (%d → %d)' % (before, after))
        console.quit()
    finally:
        console.kill()


main()
