/* charclass.h: byte classes that drive the segmenter's scanner (src/segment/
 * segment.c), one 16-bit mask per byte value. The table itself is generated
 * by tools/gen_charclass.c into charclass.c; these bit names are its key. */
#ifndef EVC_SEG_CHARCLASS_H
#define EVC_SEG_CHARCLASS_H

#include <stdint.h>

#define CC_SPACE 0x0001u /* blank: space, tab, CR, VT, FF and other controls */
#define CC_NL 0x0002u    /* line feed */
#define CC_UPPER 0x0004u /* A-Z */
#define CC_LOWER 0x0008u /* a-z */
#define CC_DIGIT 0x0010u /* 0-9 */
#define CC_HIGH 0x0020u  /* byte of a multi-byte UTF-8 sequence */
#define CC_PUNCT 0x0040u /* printable ASCII that is not a letter or digit */
#define CC_TERM 0x0080u  /* . ! ? (runs of these end sentences) */
#define CC_OPEN 0x0100u  /* ( [ { < */
#define CC_CLOSE 0x0200u /* ) ] } > */
#define CC_QUOTE 0x0400u /* " ' ` */
#define CC_RUN 0x0800u   /* symbols whose runs are one token: -- ** == ## ... */
#define CC_URL 0x1000u   /* may occur inside a URL (RFC 3986 characters) */
#define CC_MAIL 0x2000u  /* may occur in an e-mail local part or domain */

#define CC_ALPHA (CC_UPPER | CC_LOWER)
#define CC_ALNUM (CC_UPPER | CC_LOWER | CC_DIGIT)
#define CC_WS (CC_SPACE | CC_NL)

extern const uint16_t evc_seg_cclass[256];

#endif
