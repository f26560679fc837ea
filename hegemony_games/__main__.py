"""``python -m hegemony_games``: the same as the ``hegemony-games`` command."""
import sys

from .cli import main

sys.exit(main())
