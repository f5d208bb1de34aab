/* test_kiosk_ui_wmclose.c - presses a window's close button the way a
 * window manager does (a WM_DELETE_WINDOW client message), for the kiosk
 * end-to-end test under Xvfb, where no window manager runs.
 *
 *   test_kiosk_ui_wmclose WINDOW_ID      (decimal or 0x hex, from xdotool)
 *
 * Exits 0 when the message was sent, 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xlib.h>

int main(int argc, char **argv) {
  Display *d;
  Window w;
  XEvent ev;
  char *end;
  if (argc != 2) {
    fprintf(stderr, "usage: %s WINDOW_ID\n", argv[0]);
    return 2;
  }
  w = (Window)strtoul(argv[1], &end, 0);
  if (*end || !w) {
    fprintf(stderr, "wmclose: cannot use '%s': not a window id\n", argv[1]);
    return 2;
  }
  d = XOpenDisplay(NULL);
  if (!d) {
    fprintf(stderr, "wmclose: cannot open the display\n");
    return 1;
  }
  memset(&ev, 0, sizeof ev);
  ev.xclient.type = ClientMessage;
  ev.xclient.window = w;
  ev.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
  ev.xclient.format = 32;
  ev.xclient.data.l[0] = (long)XInternAtom(d, "WM_DELETE_WINDOW", False);
  ev.xclient.data.l[1] = CurrentTime;
  if (!XSendEvent(d, w, False, NoEventMask, &ev)) {
    fprintf(stderr, "wmclose: cannot send to window 0x%lx\n", (unsigned long)w);
    XCloseDisplay(d);
    return 1;
  }
  XSync(d, False);
  XCloseDisplay(d);
  return 0;
}
