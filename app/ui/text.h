/* text.h - fonts, line breaking and the cache of rendered text.
 *
 * Fonts come from fontconfig, as a fallback chain read from the project's
 * font list (fonts/quizdeck-fonts.txt: one fontconfig pattern a line, e.g.
 * "Noto Sans CJK JP:lang=ja", which makes Japanese use Japanese glyph
 * forms; the face index inside a .ttc is honoured).  Each character is
 * drawn with the first font of the chain that has it; characters no font
 * of the chain has are looked up in fontconfig by charset and the font
 * found is appended.  With no font at all, text is drawn with a small
 * built-in bitmap font (ASCII) and text_status() says so.
 *
 * Lines are broken where ICU's line breaker allows (so Japanese breaks
 * between characters, English between words), falling back to breaking
 * between characters when a word is wider than the line.
 *
 * Rendered lines are kept as textures keyed by (text, size, weight, colour)
 * and reused across frames (no colour modulation: the software renderer
 * blits those on its fast path).  Along with the
 * renderer, this is the only module calling SDL_Render* and TTF_*. */
#ifndef QD_UI_TEXT_H
#define QD_UI_TEXT_H

#include <SDL.h>
#include <stddef.h>

typedef struct TextSys TextSys;

typedef enum { TEXT_REGULAR = 0, TEXT_BOLD = 1 } TextWeight;

/* Opens the font chain listed in `font_list` (NULL: built-in default
 * chain) for drawing on `r`.  Never fails for lack of fonts (see
 * text_status); returns QD_ENOMEM or QD_EIO on hard failures. */
int text_open(SDL_Renderer *r, const char *font_list, TextSys **out,
              char *err, size_t errlen);
void text_close(TextSys *t); /* NULL is a no-op */

/* One line saying which fonts are in use, or why text is drawn with the
 * fallback bitmap font (owned by t). */
const char *text_status(const TextSys *t);
/* 1 when at least one scalable font was found. */
int text_has_fonts(const TextSys *t);
/* Number of fonts in the chain and the file of font i (owned by t). */
int text_font_count(const TextSys *t);
const char *text_font_file(const TextSys *t, int i);

/* Index of the chain font that draws code point c (see
 * text_font_file), or -1 when no font has it. */
int text_face_of(TextSys *t, unsigned long c);

/* Height of one line (ascent + descent + line gap) at pixel size px. */
int text_line_height(TextSys *t, int px, TextWeight w);
/* Width in pixels of the first `len` bytes of s (len < 0: all). */
int text_width(TextSys *t, const char *s, int len, int px, TextWeight w);

typedef struct TextLine {
  int start, len; /* byte range in the wrapped string, trailing spaces cut */
  int width;      /* pixels */
} TextLine;

/* Breaks s into lines no wider than max_width.  Stores at most max_lines
 * lines and returns how many lines the whole text needs (so a caller can
 * tell it was cut), or a negative QD_E* code. */
int text_wrap(TextSys *t, const char *s, int px, TextWeight w, int max_width,
              TextLine *lines, int max_lines);

/* Byte length of the longest prefix of s (at a character boundary) that
 * fits in max_width together with an ellipsis; *needs_ellipsis tells
 * whether anything was cut. */
int text_fit(TextSys *t, const char *s, int px, TextWeight w, int max_width,
             int *needs_ellipsis);

/* Draws one line (no wrapping) with its top-left corner at (x, y).
 * Uses the cache; renders the line only the first time. */
void text_draw(TextSys *t, const char *s, int len, int px, TextWeight w,
               int x, int y, SDL_Color c);

/* Call once per presented frame: textures unused for a while are freed
 * when the cache is over its memory budget. */
void text_frame_end(TextSys *t);
/* Cache statistics for tests and benchmarks. */
void text_cache_stats(const TextSys *t, int *entries, size_t *bytes,
                      long *renders);

#endif
