"""``python -m ekosysteemi``: the command line."""

from ekosysteemi._cli import main_exit

main_exit()
