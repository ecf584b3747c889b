"""Turn `handouts ...` (and `python -m handouts ...`) into the command: a stop asked for while the tool is still
loading ends it quietly, before anything else is loaded."""

import os
import signal
import sys


def _stopped_while_loading(signal_number, frame) -> None:
    # Nothing is under way yet: no file open, no worker started. One line, the shell's exit code.
    os.write(2, b"handouts: interrupted\n" if signal_number == signal.SIGINT else b"handouts: stopped\n")
    os._exit(128 + signal_number)


def main() -> int:
    for number in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(number) is not signal.SIG_IGN:  # ignored on purpose (nohup): left so
            signal.signal(number, _stopped_while_loading)
    from .cli import main as run  # the heavy part: WeasyPrint, fontTools, Babel

    return run()


if __name__ == "__main__":
    sys.exit(main())
