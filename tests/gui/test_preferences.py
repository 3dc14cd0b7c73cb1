# test_preferences.py — an agent opens Preferences with Ctrl+comma: a bad backend
# address is refused on the row and not saved, a good one is saved and the page says it
# is used from the next sign-in; Dark, a refresh interval and the urgent notifications
# are saved as they are chosen. The console opened again comes back on the sidebar
# section it was on, and follows a style changed from outside; Sign Out from Preferences
# closes it and
# leaves the sign-in page offering the saved address.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

import subprocess
import time

from pyatspi import STATE_FOCUSED

from okc_gui import BACKEND_URL, Console, check, press, screenshot, type_text, wait_until

SCHEMA = 'com.ok2charge.AgentConsole'
ELSEWHERE = 'http://127.0.0.1:9'


def setting(key):
    """The saved value, read as a person would with gsettings (the test's own keyfile
    backend and schema directory, from run-gui-test.sh)."""
    out = subprocess.run(['gsettings', 'get', SCHEMA, key], check=True, capture_output=True,
                         text=True).stdout.strip()
    if out.startswith('uint32 '):   # how gsettings prints an unsigned number
        out = out[len('uint32 '):]
    return out[1:-1] if out.startswith("'") else out


def set_setting(key, value):
    subprocess.run(['gsettings', 'set', SCHEMA, key, value], check=True)


def wait_setting(key, value):
    wait_until(lambda: setting(key) == value, 'the setting %s to be %s' % (key, value))
    check(True, 'the setting %s is %s' % (key, value))


def sign_in(console):
    type_text('alex.rivera@ok2charge.example')
    press('Tab')
    type_text('demo-agent')
    press('Return')
    wait_until(console.ticket_rows, 'the queue to show tickets')


def open_preferences(console):
    press('<Control>comma')
    prefs = wait_until(lambda: next((f for f in console.app.children
                                     if f.roleName == 'frame' and f.name == 'Preferences'), None),
                       'the Preferences window')
    check(True, 'Ctrl+comma opens Preferences')
    return prefs


def apply_address(console, prefs, address):
    """Preferences open with the keyboard in the address, and keep it there (GTK 4.8
    takes no focus request over AT-SPI): replace what is there."""
    console.find(lambda n: n.roleName == 'text' and n.name == 'Backend Address',
                 'the Backend Address row', within=prefs)
    press('<Control>a')
    type_text(address)
    press('Return')


def focus(node, what):
    """Moves the keyboard to node with Tab, as a person would (GTK 4.8 takes no focus
    request or click on a row over AT-SPI)."""
    for _ in range(12):
        if node.getState().contains(STATE_FOCUSED):
            return
        press('Tab')
        time.sleep(0.3)
    check(False, 'Tab reaches ' + what)


def choose(console, prefs, row_name, item_text):
    """Picks item_text in a combo row by the keyboard, from the popover it opens."""
    def current():
        row = console.find(lambda n: n.roleName == 'combo box' and n.name == row_name,
                           'the “%s” row' % row_name, within=prefs)
        # The row's title and subtitle, then the chosen item, in a one-item list.
        shown = row.findChild(lambda n: n.roleName == 'list', retry=False)
        return shown.findChild(lambda n: n.roleName == 'label', retry=False).name

    def in_popover(node):
        for _ in range(12):
            if node is None or node.roleName in ('frame', 'application'):
                return False
            if node.name == 'GtkPopover':
                return True
            node = node.parent
        return False

    focus(console.find(lambda n: n.roleName == 'combo box' and n.name == row_name,
                       'the “%s” row' % row_name, within=prefs), 'the “%s” row' % row_name)
    press('Return')
    items = wait_until(lambda: [n.name for n in console.find_all(
        lambda n: n.roleName == 'label' and n.name and in_popover(n), within=prefs)],
        'the choices of “%s”' % row_name)
    check(item_text in items, '“%s” offers %s' % (row_name, ', '.join(items)))
    # From the first item, wherever the popover put the keyboard.
    press('Home')
    for _ in range(items.index(item_text)):
        press('Down')
    press('Return')
    wait_until(lambda: current() == item_text, '“%s” to read “%s”' % (row_name, item_text))


def check_address(console, prefs):
    apply_address(console, prefs, 'not a url')
    error = console.find(lambda n: n.roleName == 'label' and 'is not a URL' in n.name,
                         'the address’s error', within=prefs)
    check(error.name.startswith('“not a url” is not a URL'),
          'a bad address is refused on the row: “%s”' % error.name)
    check(setting('backend-url') == BACKEND_URL, 'and the saved address is still %s' % BACKEND_URL)
    screenshot('preferences-bad-address')

    apply_address(console, prefs, ELSEWHERE + '/')
    wait_setting('backend-url', ELSEWHERE)
    notice = console.find(lambda n: n.roleName == 'label' and n.name.startswith('You are signed in to '),
                          'the next sign-in notice', within=prefs)
    check(BACKEND_URL in notice.name, 'signed in elsewhere, the page says “%s”' % notice.name)
    console.button('Sign Out', within=prefs)
    screenshot('preferences-next-sign-in')

    apply_address(console, prefs, BACKEND_URL)
    wait_setting('backend-url', BACKEND_URL)
    wait_until(lambda: not console.find_all(lambda n: n.name == 'Used From the Next Sign-In'
                                            and n.visible, within=prefs),
               'the next sign-in notice to go')
    check(True, 'back on the address signed in to, the notice goes')


def check_choices(console, prefs):
    choose(console, prefs, 'Style', 'Dark')
    wait_setting('color-scheme', 'dark')
    screenshot('preferences-dark')

    choose(console, prefs, 'Check for New Tickets', 'Every 5 minutes')
    wait_setting('refresh-interval', '300')
    choose(console, prefs, 'Check for New Tickets', 'Every 30 seconds')
    wait_setting('refresh-interval', '30')

    check(setting('notify-urgent') == 'true', 'urgent notifications start on')
    focus(console.find(lambda n: n.roleName == 'check box' and
                       n.name.startswith('Notify about urgent tickets'),
                       'the urgent notifications switch', within=prefs),
          'the urgent notifications switch')
    press('space')
    wait_setting('notify-urgent', 'false')


def main():
    console = Console('--backend-url', BACKEND_URL)
    try:
        sign_in(console)
        prefs = open_preferences(console)
        check_address(console, prefs)
        check_choices(console, prefs)
        press('Escape')
        wait_until(lambda: not any(f.name == 'Preferences' for f in console.app.children),
                   'Preferences to close')

        press('<Control>2')
        wait_setting('selected-section', 'chargers')
        screenshot('chargers-dark')
        console.quit()
    finally:
        console.kill()

    console = Console()
    try:
        chargers = console.find(lambda n: n.roleName == 'list item' and
                                n.name.startswith('Chargers'), 'the Chargers entry',
                                within=console.sidebar())
        wait_until(lambda: chargers.selected, 'the Chargers entry to be selected')
        check(True, 'opened again, the console is back on the chargers')
        screenshot('restarted-dark')
        set_setting('color-scheme', "'light'")
        wait_setting('color-scheme', 'light')

        prefs = open_preferences(console)
        style = console.find(lambda n: n.roleName == 'combo box' and n.name == 'Style',
                             'the Style row', within=prefs)
        # The console hears of the change when its settings file is written.
        wait_until(lambda: style.findChild(lambda n: n.roleName == 'label' and n.name == 'Light',
                                           retry=False, requireResult=False),
                   'the Style row to read Light')
        check(True, 'Preferences show the style set outside: Light')
        screenshot('restarted-light')
        apply_address(console, prefs, ELSEWHERE)
        wait_setting('backend-url', ELSEWHERE)
        console.click_button('Sign Out', within=prefs)
        wait_until(lambda: not any(f.name == 'Preferences' for f in console.app.children),
                   'Preferences to close after signing out')
        console.find(lambda n: n.roleName == 'text' and n.name == 'Backend address',
                     'the sign-in page’s address')
        screenshot('signed-out')
        # GTK 4.8 does not expose an entry row's text: signing in shows which address the
        # page offers. Nothing listens there.
        type_text('demo-agent')
        press('Return')
        problem = console.find(lambda n: n.roleName == 'label' and
                               n.name.startswith('Cannot reach the backend at '),
                               'the sign-in problem')
        check(problem.name.startswith('Cannot reach the backend at %s:' % ELSEWHERE),
              'Sign Out from Preferences leaves the sign-in page on the saved address: “%s”'
              % problem.name)
        console.quit()
    finally:
        console.kill()


main()
