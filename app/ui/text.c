/* text.c - font chain (fontconfig + SDL2_ttf), ICU line breaking, and the
 * cache of rendered lines. */
#include "text.h"

#include <SDL_ttf.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>

#include "error.h"
#include "fallback_font.h"

#define TEXT_MAX_FACES 8      /* fonts in the chain */
#define TEXT_MAX_OPEN (2 * TEXT_MAX_FACES) /* open TTF_Font (face, weight) */
#define TEXT_CACHE_MAX 1536   /* cached line textures */
#define TEXT_CACHE_BUDGET (24u << 20) /* bytes of texture before eviction */
#define TEXT_RUN_MAX 64       /* font runs in one line */
#define TEXT_MAX_FALLBACK_LOOKUPS 16

typedef struct Face {
  char *file;
  int index;          /* face inside a .ttc */
  char *file_bold;    /* same family, bold; may equal file */
  int index_bold;
  const void *map[2]; /* the files mapped read-only: [0] regular, [1] bold */
  size_t map_len[2];
} Face;

typedef struct OpenFont {
  int face, weight, px;
  TTF_Font *font;
  unsigned long last_used;
} OpenFont;

typedef struct CacheEntry {
  uint64_t hash;
  char *str;
  int len, px, weight;
  Uint32 color;       /* rendered in its final colour: the software
                         renderer's fast blit path has no colour mod */
  SDL_Texture *tex;
  int w, h;
  unsigned long last_used;
} CacheEntry;

struct TextSys {
  SDL_Renderer *r;
  Face faces[TEXT_MAX_FACES];
  int n_faces;
  OpenFont open[TEXT_MAX_OPEN];
  int n_open;
  unsigned char cover[2][65536]; /* BMP code point -> face index + 1 */
  int n_lookups;
  CacheEntry *cache;
  int n_cache;
  size_t cache_bytes;
  unsigned long frame;
  long renders;
  SDL_Texture *bitmap; /* fallback font atlas, 95 glyphs of 8x16 */
  char status[512];
  int ttf_ok, fc_ok;
};

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decodes one code point at s[i..n); invalid bytes decode as U+FFFD and
 * advance one byte, so any input is safe. */
static uint32_t utf8_next(const char *s, int n, int *i) {
  const unsigned char *u = (const unsigned char *)s;
  int k = *i;
  uint32_t c = u[k];
  int need;
  if (c < 0x80) {
    *i = k + 1;
    return c;
  }
  if ((c & 0xE0) == 0xC0) { need = 1; c &= 0x1F; }
  else if ((c & 0xF0) == 0xE0) { need = 2; c &= 0x0F; }
  else if ((c & 0xF8) == 0xF0) { need = 3; c &= 0x07; }
  else { *i = k + 1; return 0xFFFD; }
  for (int j = 1; j <= need; j++) {
    if (k + j >= n || (u[k + j] & 0xC0) != 0x80) {
      *i = k + 1;
      return 0xFFFD;
    }
    c = (c << 6) | (u[k + j] & 0x3F);
  }
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  *i = k + need + 1;
  return c;
}

/* ---- fonts ------------------------------------------------------------ */

static const char *const default_chain[] = {
    "Noto Sans CJK JP:lang=ja", "DejaVu Sans", "sans-serif", NULL};

static int fc_match_file(const char *pattern, int bold, char **file,
                         int *index, char **family) {
  FcPattern *p = FcNameParse((const FcChar8 *)pattern), *m = NULL;
  FcResult res;
  FcChar8 *f = NULL, *fam = NULL;
  int idx = 0, rc = QD_ENOTFOUND;
  if (!p) return QD_EPARSE;
  if (bold) FcPatternAddInteger(p, FC_WEIGHT, FC_WEIGHT_BOLD);
  FcConfigSubstitute(NULL, p, FcMatchPattern);
  FcDefaultSubstitute(p);
  m = FcFontMatch(NULL, p, &res);
  if (m && FcPatternGetString(m, FC_FILE, 0, &f) == FcResultMatch) {
    FcPatternGetInteger(m, FC_INDEX, 0, &idx);
    FcPatternGetString(m, FC_FAMILY, 0, &fam);
    *file = strdup((const char *)f);
    *index = idx;
    if (family) *family = fam ? strdup((const char *)fam) : NULL;
    rc = *file ? 0 : QD_ENOMEM;
  }
  if (m) FcPatternDestroy(m);
  FcPatternDestroy(p);
  return rc;
}

static int face_known(const TextSys *t, const char *file, int index) {
  for (int i = 0; i < t->n_faces; i++)
    if (strcmp(t->faces[i].file, file) == 0 && t->faces[i].index == index)
      return 1;
  return 0;
}

/* Adds the font fontconfig matches for `pattern`.  A named family must be
 * the one matched (fontconfig always answers with something). */
static void add_pattern(TextSys *t, const char *pattern) {
  char *file = NULL, *fam = NULL, *bfile = NULL;
  int idx = 0, bidx = 0;
  char want[128];
  size_t k = strcspn(pattern, ":");
  Face *f;
  if (t->n_faces == TEXT_MAX_FACES) return;
  if (fc_match_file(pattern, 0, &file, &idx, &fam) < 0) return;
  snprintf(want, sizeof want, "%.*s", (int)k, pattern);
  if (want[0] && strcmp(want, "sans-serif") != 0 &&
      strcmp(want, "serif") != 0 && strcmp(want, "monospace") != 0 &&
      (!fam || strcasecmp(fam, want) != 0)) {
    /* the requested family is not installed */
    goto skip;
  }
  if (face_known(t, file, idx)) goto skip;
  {
    SDL_RWops *rw = SDL_RWFromFile(file, "rb");
    if (!rw) goto skip;
    SDL_RWclose(rw);
  }
  if (fc_match_file(pattern, 1, &bfile, &bidx, NULL) < 0) {
    bfile = strdup(file);
    bidx = idx;
  }
  f = &t->faces[t->n_faces++];
  f->file = file;
  f->index = idx;
  f->file_bold = bfile;
  f->index_bold = bidx;
  free(fam);
  return;
skip:
  free(file);
  free(fam);
}

static void load_chain(TextSys *t, const char *font_list) {
  FILE *fp = font_list ? fopen(font_list, "r") : NULL;
  char line[256];
  if (fp) {
    while (fgets(line, sizeof line, fp)) {
      char *s = line, *e;
      while (*s == ' ' || *s == '\t') s++;
      e = s + strlen(s);
      while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ')) *--e = 0;
      if (!*s || *s == '#') continue;
      add_pattern(t, s);
    }
    fclose(fp);
  } else {
    for (int i = 0; default_chain[i]; i++) add_pattern(t, default_chain[i]);
  }
}

/* One open font per (face, weight), switched between sizes with
 * TTF_SetFontSize: every TTF_OpenFont of a CJK face costs megabytes of
 * parsed tables, so opening one per size would not fit the memory budget.
 * Rendered lines are cached, so size switches cost little. */
static TTF_Font *get_font(TextSys *t, int face, int weight, int px) {
  OpenFont *o = NULL;
  if (px < 4) px = 4;
  if (px > 512) px = 512;
  for (int i = 0; i < t->n_open; i++)
    if (t->open[i].face == face && t->open[i].weight == weight) {
      o = &t->open[i];
      break;
    }
  if (!o) {
    Face *fc = &t->faces[face];
    const char *file = weight ? fc->file_bold : fc->file;
    if (t->n_open == TEXT_MAX_OPEN) return NULL;
    o = &t->open[t->n_open];
    o->face = face;
    o->weight = weight;
    o->px = px;
    /* FreeType reads glyphs from a memory map rather than through stdio
     * (no seek+read system calls when glyphs are loaded) */
    if (!fc->map[weight]) {
      int fd = open(file, O_RDONLY | O_CLOEXEC);
      struct stat st;
      if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED) {
          fc->map[weight] = m;
          fc->map_len[weight] = (size_t)st.st_size;
        }
      }
      if (fd >= 0) close(fd);
    }
    if (fc->map[weight]) {
      SDL_RWops *rw = SDL_RWFromConstMem(fc->map[weight],
                                         (int)fc->map_len[weight]);
      o->font = rw ? TTF_OpenFontIndexRW(rw, 1, px,
                                         weight ? fc->index_bold : fc->index)
                   : NULL;
    } else {
      o->font = TTF_OpenFontIndex(file, px,
                                  weight ? fc->index_bold : fc->index);
    }
    if (!o->font) return NULL;
    TTF_SetFontHinting(o->font, TTF_HINTING_LIGHT);
    TTF_SetFontKerning(o->font, 1);
    t->n_open++;
  }
  if (o->px != px) {
    if (TTF_SetFontSize(o->font, px) < 0) return NULL;
    o->px = px;
  }
  o->last_used = t->frame;
  return o->font;
}

/* Asks fontconfig for any font with code point c and appends it. */
static int lookup_fallback(TextSys *t, uint32_t c) {
  FcPattern *p = NULL, *m = NULL;
  FcCharSet *cs = NULL;
  FcResult res;
  FcChar8 *f = NULL;
  int idx = 0, before = t->n_faces, found = -1;
  if (t->n_faces == TEXT_MAX_FACES || t->n_lookups >= TEXT_MAX_FALLBACK_LOOKUPS)
    return -1;
  t->n_lookups++;
  p = FcPatternCreate();
  cs = FcCharSetCreate();
  if (!p || !cs) goto done;
  FcCharSetAddChar(cs, c);
  FcPatternAddCharSet(p, FC_CHARSET, cs);
  FcConfigSubstitute(NULL, p, FcMatchPattern);
  FcDefaultSubstitute(p);
  m = FcFontMatch(NULL, p, &res);
  if (!m || FcPatternGetString(m, FC_FILE, 0, &f) != FcResultMatch) goto done;
  FcPatternGetInteger(m, FC_INDEX, 0, &idx);
  if (!face_known(t, (const char *)f, idx)) {
    Face *nf = &t->faces[t->n_faces];
    nf->file = strdup((const char *)f);
    nf->file_bold = strdup((const char *)f);
    nf->index = nf->index_bold = idx;
    if (nf->file && nf->file_bold) {
      t->n_faces++;
    } else {
      free(nf->file);
      free(nf->file_bold);
    }
  }
  if (t->n_faces > before) {
    TTF_Font *font = get_font(t, before, 0, 16);
    if (font && TTF_GlyphIsProvided32(font, c)) found = before;
  }
done:
  if (m) FcPatternDestroy(m);
  if (p) FcPatternDestroy(p);
  if (cs) FcCharSetDestroy(cs);
  return found;
}

/* Index of the face that draws c (0 when none has it). */
static int face_for(TextSys *t, uint32_t c, int weight) {
  int f;
  if (c < 65536 && t->cover[weight][c]) return t->cover[weight][c] - 1;
  f = -1;
  if (c == ' ' || c == '\t' || c < 32) f = 0;
  /* dashes, quotes and the ellipsis are full-width or centred in CJK
   * fonts: take them from a later (Latin) font of the chain if one has
   * them */
  if (c >= 0x2010 && c <= 0x2027)
    for (int i = 1; f < 0 && i < t->n_faces; i++) {
      TTF_Font *font = get_font(t, i, weight, 16);
      if (font && TTF_GlyphIsProvided32(font, c)) f = i;
    }
  for (int i = 0; f < 0 && i < t->n_faces; i++) {
    TTF_Font *font = get_font(t, i, weight, 16);
    if (font && TTF_GlyphIsProvided32(font, c)) f = i;
  }
  if (f < 0) f = lookup_fallback(t, c);
  if (f < 0) f = 0;
  if (c < 65536) t->cover[weight][c] = (unsigned char)(f + 1);
  return f;
}

int text_face_of(TextSys *t, unsigned long c) {
  int f;
  TTF_Font *font;
  if (t->n_faces == 0) return -1;
  f = face_for(t, (uint32_t)c, 0);
  font = get_font(t, f, 0, 16);
  return font && TTF_GlyphIsProvided32(font, (Uint32)c) ? f : -1;
}

typedef struct Run {
  int start, len, face;
} Run;

/* Splits s[0..n) into runs of one face each. */
static int make_runs(TextSys *t, const char *s, int n, int weight, Run *runs) {
  int nr = 0, i = 0;
  while (i < n) {
    int at = i;
    uint32_t c = utf8_next(s, n, &i);
    int f = face_for(t, c, weight);
    /* spaces and marks stay with the run they are in */
    if (nr > 0 && (runs[nr - 1].face == f || c == ' ' ||
                   (c >= 0x300 && c < 0x370) || c == 0x3099 || c == 0x309A)) {
      runs[nr - 1].len = i - runs[nr - 1].start;
      continue;
    }
    if (nr == TEXT_RUN_MAX) {
      runs[nr - 1].len = n - runs[nr - 1].start;
      break;
    }
    runs[nr].start = at;
    runs[nr].len = i - at;
    runs[nr].face = f;
    nr++;
  }
  return nr;
}

static int bitmap_scale(int px) {
  int s = (px + 6) / 13;
  return s < 1 ? 1 : s;
}

int text_line_height(TextSys *t, int px, TextWeight w) {
  int h = 0;
  if (t->n_faces == 0) return 16 * bitmap_scale(px) + 2;
  for (int i = 0; i < t->n_faces && i < 2; i++) {
    TTF_Font *f = get_font(t, i, w, px);
    if (f && TTF_FontLineSkip(f) > h) h = TTF_FontLineSkip(f);
  }
  return h > 0 ? h : px + px / 3;
}

static int ascent_of(TextSys *t, int px, TextWeight w) {
  int a = 0;
  for (int i = 0; i < t->n_faces && i < 2; i++) {
    TTF_Font *f = get_font(t, i, w, px);
    if (f && TTF_FontAscent(f) > a) a = TTF_FontAscent(f);
  }
  return a;
}

int text_width(TextSys *t, const char *s, int len, int px, TextWeight w) {
  Run runs[TEXT_RUN_MAX];
  char buf[1024];
  int n = len < 0 ? (int)strlen(s) : len, nr, total = 0;
  if (t->n_faces == 0) {
    int cps = 0, i = 0;
    while (i < n) {
      utf8_next(s, n, &i);
      cps++;
    }
    return cps * 8 * bitmap_scale(px);
  }
  nr = make_runs(t, s, n, w, runs);
  for (int r = 0; r < nr; r++) {
    TTF_Font *f = get_font(t, runs[r].face, w, px);
    int rw = 0, rl = runs[r].len;
    char *tmp = buf;
    if (!f) continue;
    if (rl >= (int)sizeof buf) {
      tmp = malloc((size_t)rl + 1);
      if (!tmp) continue;
    }
    memcpy(tmp, s + runs[r].start, (size_t)rl);
    tmp[rl] = '\0';
    if (TTF_SizeUTF8(f, tmp, &rw, NULL) == 0) total += rw;
    if (tmp != buf) free(tmp);
  }
  return total;
}

/* ---- line breaking ---------------------------------------------------- */

static int is_space_byte(char c) { return c == ' ' || c == '\t'; }

/* Appends a line [start, end) with trailing spaces removed. */
static int push_line(TextSys *t, const char *s, int start, int end, int px,
                     TextWeight w, TextLine *lines, int max_lines, int n) {
  while (end > start && (is_space_byte(s[end - 1]) || s[end - 1] == '\n' ||
                         s[end - 1] == '\r'))
    end--;
  if (n < max_lines) {
    lines[n].start = start;
    lines[n].len = end - start;
    lines[n].width = text_width(t, s + start, end - start, px, w);
  }
  return n + 1;
}

int text_wrap(TextSys *t, const char *s, int px, TextWeight w, int max_width,
              TextLine *lines, int max_lines) {
  int n = (int)strlen(s), n16 = 0, i = 0, nl = 0;
  UChar *u16 = NULL;
  int *off = NULL; /* UTF-16 index -> byte offset */
  UBreakIterator *bi = NULL;
  UErrorCode st = U_ZERO_ERROR;
  int line_start, last_fit, pos, rc;
  if (n == 0) return 0;
  u16 = malloc(((size_t)n * 2 + 1) * sizeof *u16);
  off = malloc(((size_t)n * 2 + 2) * sizeof *off);
  if (!u16 || !off) {
    rc = QD_ENOMEM;
    goto fail;
  }
  while (i < n) {
    int at = i;
    uint32_t c = utf8_next(s, n, &i);
    if (c >= 0x10000) {
      c -= 0x10000;
      off[n16] = at;
      u16[n16++] = (UChar)(0xD800 + (c >> 10));
      off[n16] = at;
      u16[n16++] = (UChar)(0xDC00 + (c & 0x3FF));
    } else {
      off[n16] = at;
      u16[n16++] = (UChar)c;
    }
  }
  off[n16] = n;
  bi = ubrk_open(UBRK_LINE, "", u16, n16, &st);
  if (U_FAILURE(st)) {
    rc = QD_EIO;
    goto fail;
  }
  line_start = 0;
  last_fit = -1; /* byte offset of the last break that fitted */
  for (pos = ubrk_following(bi, 0); pos != UBRK_DONE;
       pos = ubrk_following(bi, pos)) {
    int end = off[pos];
    int hard = ubrk_getRuleStatus(bi) >= UBRK_LINE_HARD &&
               ubrk_getRuleStatus(bi) < UBRK_LINE_HARD_LIMIT;
    int probe = end;
    while (probe > line_start && is_space_byte(s[probe - 1])) probe--;
    if (text_width(t, s + line_start, probe - line_start, px, w) <= max_width) {
      last_fit = end;
      if (hard && end < n) {
        nl = push_line(t, s, line_start, end, px, w, lines, max_lines, nl);
        line_start = end;
        last_fit = -1;
      }
      continue;
    }
    /* the segment up to `end` does not fit */
    if (last_fit > line_start) {
      nl = push_line(t, s, line_start, last_fit, px, w, lines, max_lines, nl);
      line_start = last_fit;
      last_fit = -1;
      /* re-examine this break against the new line start */
      probe = end;
      while (probe > line_start && is_space_byte(s[probe - 1])) probe--;
      if (text_width(t, s + line_start, probe - line_start, px, w) <=
          max_width) {
        last_fit = end;
        if (hard && end < n) {
          nl = push_line(t, s, line_start, end, px, w, lines, max_lines, nl);
          line_start = end;
          last_fit = -1;
        }
        continue;
      }
    }
    /* one word wider than the line: break it between characters */
    while (line_start < end) {
      int k = line_start, fit = line_start;
      while (k < end) {
        int nk = k;
        utf8_next(s, end, &nk);
        if (text_width(t, s + line_start, nk - line_start, px, w) > max_width)
          break;
        fit = k = nk;
      }
      if (fit == line_start) utf8_next(s, end, &fit); /* at least one char */
      if (fit >= end) {
        last_fit = end;
        break;
      }
      nl = push_line(t, s, line_start, fit, px, w, lines, max_lines, nl);
      line_start = fit;
    }
    if (hard && end < n && line_start < end) {
      nl = push_line(t, s, line_start, end, px, w, lines, max_lines, nl);
      line_start = end;
      last_fit = -1;
    }
  }
  if (line_start < n) {
    int e = n;
    while (e > line_start && (is_space_byte(s[e - 1]) || s[e - 1] == '\n'))
      e--;
    if (e > line_start)
      nl = push_line(t, s, line_start, n, px, w, lines, max_lines, nl);
  }
  rc = nl;
fail:
  if (bi) ubrk_close(bi);
  free(u16);
  free(off);
  return rc;
}

int text_fit(TextSys *t, const char *s, int px, TextWeight w, int max_width,
             int *needs_ellipsis) {
  int n = (int)strlen(s), i = 0, fit = 0, ell;
  if (text_width(t, s, n, px, w) <= max_width) {
    *needs_ellipsis = 0;
    return n;
  }
  *needs_ellipsis = 1;
  ell = text_width(t, "\xE2\x80\xA6", 3, px, w);
  while (i < n) {
    int ni = i;
    utf8_next(s, n, &ni);
    if (text_width(t, s, ni, px, w) + ell > max_width) break;
    fit = i = ni;
  }
  return fit;
}

/* ---- rendering and the cache ------------------------------------------ */

static uint64_t hash_key(const char *s, int len, int px, int weight) {
  uint64_t h = 1469598103934665603ull;
  for (int i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  h ^= (uint64_t)px * 31u + (uint64_t)weight;
  h *= 1099511628211ull;
  return h;
}

static SDL_Surface *render_line(TextSys *t, const char *s, int len, int px,
                                TextWeight w, SDL_Color col) {
  Run runs[TEXT_RUN_MAX];
  int nr = make_runs(t, s, len, w, runs), x = 0;
  int lh = text_line_height(t, px, w), asc = ascent_of(t, px, w);
  int width = text_width(t, s, len, px, w);
  SDL_Surface *line;
  char buf[1024];
  if (width <= 0) return NULL;
  line = SDL_CreateRGBSurfaceWithFormat(0, width, lh, 32,
                                        SDL_PIXELFORMAT_ARGB8888);
  if (!line) return NULL;
  SDL_FillRect(line, NULL, 0);
  for (int r = 0; r < nr; r++) {
    TTF_Font *f = get_font(t, runs[r].face, w, px);
    SDL_Color white = {col.r, col.g, col.b, 255};
    SDL_Surface *rs;
    SDL_Rect dst;
    char *tmp = buf;
    int rl = runs[r].len;
    if (!f) continue;
    if (rl >= (int)sizeof buf) {
      tmp = malloc((size_t)rl + 1);
      if (!tmp) continue;
    }
    memcpy(tmp, s + runs[r].start, (size_t)rl);
    tmp[rl] = '\0';
    rs = TTF_RenderUTF8_Blended(f, tmp, white);
    if (tmp != buf) free(tmp);
    if (!rs) continue;
    dst.x = x;
    dst.y = asc - TTF_FontAscent(f);
    dst.w = rs->w;
    dst.h = rs->h;
    SDL_SetSurfaceBlendMode(rs, SDL_BLENDMODE_NONE);
    SDL_BlitSurface(rs, NULL, line, &dst);
    x += rs->w;
    SDL_FreeSurface(rs);
  }
  return line;
}

static void draw_bitmap(TextSys *t, const char *s, int len, int px, int x,
                        int y, SDL_Color c) {
  int i = 0, sc = bitmap_scale(px);
  if (!t->bitmap) return;
  SDL_SetTextureColorMod(t->bitmap, c.r, c.g, c.b);
  SDL_SetTextureAlphaMod(t->bitmap, c.a);
  while (i < len) {
    uint32_t ch = utf8_next(s, len, &i);
    SDL_Rect src, dst;
    /* common typography in plain ASCII look-alikes */
    if (ch == 0x2018 || ch == 0x2019) ch = '\'';
    else if (ch == 0x201C || ch == 0x201D) ch = '"';
    else if (ch == 0x2013 || ch == 0x2014 || ch == 0x2212) ch = '-';
    else if (ch == 0x00B7 || ch == 0x2026) ch = '.';
    else if (ch == 0x2190) ch = '<';
    else if (ch == 0x2192 || ch == 0x203A) ch = '>';
    else if (ch == 0x2191) ch = '^';
    else if (ch == 0x2193) ch = 'v';
    if (ch < 32 || ch > 126) ch = '?';
    src.x = (int)(ch - 32) * 8;
    src.y = 0;
    src.w = 8;
    src.h = 16;
    dst.x = x;
    dst.y = y;
    dst.w = 8 * sc;
    dst.h = 16 * sc;
    SDL_RenderCopy(t->r, t->bitmap, &src, &dst);
    x += 8 * sc;
  }
}

void text_draw(TextSys *t, const char *s, int len, int px, TextWeight w,
               int x, int y, SDL_Color c) {
  uint64_t h;
  Uint32 col;
  CacheEntry *e = NULL;
  SDL_Rect dst;
  if (len < 0) len = (int)strlen(s);
  if (len == 0) return;
  if (t->n_faces == 0) {
    draw_bitmap(t, s, len, px, x, y, c);
    return;
  }
  h = hash_key(s, len, px, (int)w);
  col = ((Uint32)c.r << 24) | ((Uint32)c.g << 16) | ((Uint32)c.b << 8) | c.a;
  h ^= col;
  for (int i = 0; i < t->n_cache; i++) {
    CacheEntry *ce = &t->cache[i];
    if (ce->hash == h && ce->len == len && ce->px == px &&
        ce->weight == (int)w && ce->color == col &&
        memcmp(ce->str, s, (size_t)len) == 0) {
      e = ce;
      break;
    }
  }
  if (!e) {
    SDL_Surface *surf;
    SDL_Texture *tex;
    char *copy;
    if (t->n_cache == TEXT_CACHE_MAX) text_frame_end(t);
    if (t->n_cache == TEXT_CACHE_MAX) return;
    surf = render_line(t, s, len, px, w, c);
    if (!surf) return;
    tex = SDL_CreateTextureFromSurface(t->r, surf);
    copy = malloc((size_t)len);
    if (!tex || !copy) {
      if (tex) SDL_DestroyTexture(tex);
      free(copy);
      SDL_FreeSurface(surf);
      return;
    }
    memcpy(copy, s, (size_t)len);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    e = &t->cache[t->n_cache++];
    e->hash = h;
    e->str = copy;
    e->len = len;
    e->px = px;
    e->weight = (int)w;
    e->color = col;
    e->tex = tex;
    e->w = surf->w;
    e->h = surf->h;
    t->cache_bytes += (size_t)surf->w * (size_t)surf->h * 4u;
    t->renders++;
    SDL_FreeSurface(surf);
  }
  e->last_used = t->frame;
  if (c.a != 255) SDL_SetTextureAlphaMod(e->tex, c.a);
  dst.x = x;
  dst.y = y;
  dst.w = e->w;
  dst.h = e->h;
  SDL_RenderCopy(t->r, e->tex, NULL, &dst);
}

static void drop_entry(TextSys *t, int i) {
  CacheEntry *e = &t->cache[i];
  t->cache_bytes -= (size_t)e->w * (size_t)e->h * 4u;
  SDL_DestroyTexture(e->tex);
  free(e->str);
  t->cache[i] = t->cache[--t->n_cache];
}

void text_frame_end(TextSys *t) {
  if (t->cache_bytes > TEXT_CACHE_BUDGET || t->n_cache == TEXT_CACHE_MAX) {
    /* keep what the last two frames used */
    for (int i = t->n_cache - 1; i >= 0; i--)
      if (t->cache[i].last_used + 1 < t->frame) drop_entry(t, i);
  }
  t->frame++;
}

void text_cache_stats(const TextSys *t, int *entries, size_t *bytes,
                      long *renders) {
  if (entries) *entries = t->n_cache;
  if (bytes) *bytes = t->cache_bytes;
  if (renders) *renders = t->renders;
}

/* ---- lifetime --------------------------------------------------------- */

static SDL_Texture *make_bitmap_atlas(SDL_Renderer *r) {
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 95 * 8, 16, 32,
                                                  SDL_PIXELFORMAT_ARGB8888);
  SDL_Texture *tex;
  if (!s) return NULL;
  for (int g = 0; g < 95; g++)
    for (int y = 0; y < 16; y++)
      for (int x = 0; x < 8; x++) {
        Uint32 *p = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch) + g * 8 + x;
        *p = (qd_fallback_font[g][y] & (0x80u >> x)) ? 0xFFFFFFFFu : 0u;
      }
  tex = SDL_CreateTextureFromSurface(r, s);
  SDL_FreeSurface(s);
  if (tex) SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
  return tex;
}

int text_open(SDL_Renderer *r, const char *font_list, TextSys **out,
              char *err, size_t errlen) {
  TextSys *t = calloc(1, sizeof *t);
  *out = NULL;
  if (!t) {
    if (err) snprintf(err, errlen, "text: cannot start: out of memory");
    return QD_ENOMEM;
  }
  t->r = r;
  t->cache = calloc(TEXT_CACHE_MAX, sizeof *t->cache);
  if (!t->cache) {
    free(t);
    if (err) snprintf(err, errlen, "text: cannot start: out of memory");
    return QD_ENOMEM;
  }
  if (!TTF_WasInit() && TTF_Init() < 0) {
    snprintf(t->status, sizeof t->status,
             "text: cannot start SDL_ttf: %s; using the built-in font",
             TTF_GetError());
  } else {
    t->ttf_ok = 1;
    if (FcInit()) {
      t->fc_ok = 1;
      load_chain(t, font_list);
    }
    /* a face whose file cannot be opened by FreeType is useless */
    for (int i = 0; i < t->n_faces; i++) {
      if (!get_font(t, i, 0, 16)) {
        free(t->faces[i].file);
        free(t->faces[i].file_bold);
        for (int w = 0; w < 2; w++)
          if (t->faces[i].map[w])
            munmap((void *)t->faces[i].map[w], t->faces[i].map_len[w]);
        memmove(&t->faces[i], &t->faces[i + 1],
                (size_t)(t->n_faces - i - 1) * sizeof t->faces[0]);
        t->n_faces--;
        for (int k = 0; k < t->n_open; k++) TTF_CloseFont(t->open[k].font);
        t->n_open = 0;
        i = -1;
      }
    }
  }
  if (t->n_faces == 0) {
    if (!t->status[0])
      snprintf(t->status, sizeof t->status,
               "text: cannot find any font with fontconfig (list '%s'): "
               "install fonts-dejavu-core and fonts-noto-cjk; using the "
               "built-in ASCII font",
               font_list ? font_list : "built-in");
    t->bitmap = make_bitmap_atlas(r);
  } else {
    size_t used = 0;
    used += (size_t)snprintf(t->status, sizeof t->status, "fonts:");
    for (int i = 0; i < t->n_faces && used < sizeof t->status; i++)
      used += (size_t)snprintf(t->status + used, sizeof t->status - used,
                               " %s#%d", t->faces[i].file, t->faces[i].index);
  }
  *out = t;
  return 0;
}

void text_close(TextSys *t) {
  if (!t) return;
  for (int i = 0; i < t->n_cache; i++) {
    SDL_DestroyTexture(t->cache[i].tex);
    free(t->cache[i].str);
  }
  free(t->cache);
  for (int i = 0; i < t->n_open; i++) TTF_CloseFont(t->open[i].font);
  for (int i = 0; i < t->n_faces; i++) {
    free(t->faces[i].file);
    free(t->faces[i].file_bold);
    for (int w = 0; w < 2; w++)
      if (t->faces[i].map[w])
        munmap((void *)t->faces[i].map[w], t->faces[i].map_len[w]);
  }
  if (t->bitmap) SDL_DestroyTexture(t->bitmap);
  if (t->ttf_ok) TTF_Quit();
  if (t->fc_ok) FcFini(); /* fontconfig's caches, so leak checkers see none */
  free(t);
}

const char *text_status(const TextSys *t) { return t->status; }
int text_has_fonts(const TextSys *t) { return t->n_faces > 0; }
int text_font_count(const TextSys *t) { return t->n_faces; }
const char *text_font_file(const TextSys *t, int i) {
  return i >= 0 && i < t->n_faces ? t->faces[i].file : "";
}
