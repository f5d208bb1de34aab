/* htmltext.h - HTML field content reduced to plain text.
 *
 * Used for Anki fields (always HTML) and for text files whose header says
 * `#html:true`.  The rules are those of the import fixtures' MANIFEST:
 * <script> and <style> elements are removed with their content; block
 * tags (br, div, p, li, tr, h1-h6, hr, ...) become a space; other tags are
 * removed; character entities are decoded (&nbsp; becomes a space);
 * Anki's [sound:...] references are removed; whitespace is collapsed and
 * the result trimmed.  Malformed markup never fails: an unclosed tag or
 * an unknown entity is kept as text. */
#ifndef QD_HTMLTEXT_H
#define QD_HTMLTEXT_H

#include <stddef.h>

/* Plain text of html[0..len).  Caller frees; NULL only when out of
 * memory. */
char *htmltext_plain(const char *html, size_t len);

/* Calls `fn` for every media file the HTML refers to (<img src>, <audio
 * src>, <source src>, [sound:...]) with the name as written (not NUL
 * terminated).  Returns the number of references. */
int htmltext_media(const char *html, size_t len,
                   void (*fn)(void *ctx, const char *name, size_t n),
                   void *ctx);

#endif
