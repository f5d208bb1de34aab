/* ui_shot.h - shared checks of the headless GUI tests (cmocka). */
#ifndef QD_TEST_UI_SHOT_H
#define QD_TEST_UI_SHOT_H

#include "app.h"

/* Fails the test unless every text box of the laid-out view left ink: some
 * pixel inside it differs clearly from the box's corner (its background). */
void ui_check_ink(App *a, const char *what);

/* Lays the current screen out, fails on a broken layout invariant
 * (view_check: overflow, overlapping text) or a text without ink, and saves
 * the frame as DIR/PREFIX_NAME_WxH[_hc].png for looking at. */
void ui_shot(App *a, const char *dir, const char *prefix, const char *name);

#endif
