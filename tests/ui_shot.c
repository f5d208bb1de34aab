/* ui_shot.c - shared checks of the headless GUI tests (see ui_shot.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui_shot.h"

/* Text is drawn: inside each text box some pixels differ clearly from
 * the box's own corner (the background under it). */
void ui_check_ink(App *a, const char *what) {
  SDL_Surface *s = render_read(a->rd);
  int checked = 0;
  assert_non_null(s);
  for (int i = 0; i < a->view.n; i++) {
    const Item *it = &a->view.items[i];
    int ink = 0;
    Uint32 bg;
    const char *t = view_item_text(&a->view, it);
    if (it->kind != ITEM_TEXT || it->r.w < 2 || it->r.h < 2) continue;
    if (strspn(t, " |") == strlen(t)) continue;
    bg = ((Uint32 *)((Uint8 *)s->pixels + it->r.y * s->pitch))[it->r.x];
    for (int y = it->r.y; y < it->r.y + it->r.h && !ink; y++)
      for (int x = it->r.x; x < it->r.x + it->r.w; x++) {
        Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
        int d = abs((int)((p >> 16) & 255) - (int)((bg >> 16) & 255)) +
                abs((int)((p >> 8) & 255) - (int)((bg >> 8) & 255)) +
                abs((int)(p & 255) - (int)(bg & 255));
        if (d > 90) {
          ink = 1;
          break;
        }
      }
    if (!ink) fail_msg("%s: text '%s' left no ink", what, t);
    checked++;
  }
  assert_true(checked > 0);
  SDL_FreeSurface(s);
}

void ui_shot(App *a, const char *dir, const char *prefix, const char *name) {
  char msg[1024], path[1200];
  app_layout(a);
  if (view_check(&a->view, msg, sizeof msg) != 0)
    fail_msg("%s at %dx%d: %s", name, a->w, a->h, msg);
  app_render(a);
  ui_check_ink(a, name);
  snprintf(path, sizeof path, "%s/%s_%s_%dx%d%s.png", dir, prefix, name, a->w,
           a->h, a->high_contrast ? "_hc" : "");
  assert_int_equal(render_save_png(a->rd, path, msg, sizeof msg), 0);
}
