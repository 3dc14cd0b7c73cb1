# test_offline.py — the backend goes away while an agent works: the queue stays readable,
# a banner says what happened, and Retry picks up once the backend is back.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import signal
import subprocess
from urllib.parse import urlparse

from okc_gui import BACKEND_URL, WORK_DIR, Console, check, press, wait_until

OFFLINE = 'Offline: showing the tickets saved on this computer'


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


def main():
    env = dict(os.environ, OKC_PASSWORD='demo-agent')
    console = Console('--backend-url', BACKEND_URL, '--user', 'sam.okafor@ok2charge.example',
                      env=env)
    try:
        rows = wait_until(console.ticket_rows, 'the queue')
        stop_backend()
        press('<Control>r')

        banner = console.named(OFFLINE, 'label', within=console.queue_view())
        check(banner.visible, 'losing the backend shows the offline banner')
        check(len(console.ticket_rows()) >= len(rows) > 0, 'the queue stays on screen offline')

        press('<Alt>Down')
        console.label_starting('Opened ', within=console.ticket_view())
        console.label_starting('Customer · ', within=console.ticket_view())
        check(True, 'a ticket still opens from the saved copy while offline')

        restart_backend()
        console.button('Retry connecting to the backend',
                       within=console.queue_view()).doActionNamed('click')
        wait_until(lambda: not console.find_all(lambda n: n.name == OFFLINE and n.visible,
                                                within=console.queue_view()),
                   'the banner to go once back online')
        check(True, 'Retry reconnects and the banner goes away')
        console.quit()
    finally:
        console.kill()


main()
