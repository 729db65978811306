#!/usr/bin/python3
"""A tiny GTK 3 drag source for the app's end-to-end tests.

Shows an undecorated window at (X, Y) with one button; dragging the button offers the paths
given on the command line as text/uri-list, the way a file manager does. Prints "ready" once
the window is mapped and "sent N" when the drop target took the data, then exits when the drag
ends (or after a timeout, so a failed drag never leaves it behind).

Usage: drag_source.py X Y PATH...   (run with Debian's /usr/bin/python3: python3-gi, gir1.2-gtk-3.0)
"""
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import GLib, Gdk, Gtk  # noqa: E402

x, y = int(sys.argv[1]), int(sys.argv[2])
uris = [GLib.filename_to_uri(p, None) for p in sys.argv[3:]]

win = Gtk.Window(title="e2e-drag-source")
win.set_decorated(False)
win.set_default_size(160, 80)
win.move(x, y)
button = Gtk.Button(label="drag me")
win.add(button)

button.drag_source_set(
    Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY | Gdk.DragAction.LINK
)
button.drag_source_add_uri_targets()


def on_data_get(_widget, _context, data, _info, _time):
    data.set_uris(uris)
    print(f"sent {len(uris)}", flush=True)


def on_end(_widget, _context):
    GLib.timeout_add(300, Gtk.main_quit)


button.connect("drag-data-get", on_data_get)
button.connect("drag-end", on_end)
win.connect("destroy", Gtk.main_quit)


def on_mapped(*_args):
    print("ready", flush=True)


win.connect("map-event", on_mapped)
win.show_all()
GLib.timeout_add_seconds(60, Gtk.main_quit)
Gtk.main()
