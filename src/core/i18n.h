/* i18n.h — messages meant for people go through gettext (the catalogue is po/zh_CN.po; the
 * program binds it in main.c). Without a catalogue, or in the C locale, they are as written. */
#ifndef MAITRE_I18N_H
#define MAITRE_I18N_H

#include <libintl.h>
#include <string.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* A word marked with a context, "context\004word" (xgettext -kNC_:1c,2), for a word the
 * catalogue has in another sense ("open" a line, "open" a complaint; "visit" entered, "visit"
 * paid by a sales manager). i18n_ctx translates it. */
#define NC_(ctx, s) ctx "\004" s
/* pgettext: the translation of word s in context ctx (xgettext -kP_:1c,2). */
#define P_(ctx, s) i18n_ctx(ctx "\004" s)

/* The translation of a word marked with NC_, or the word itself (without its context). */
static inline const char *i18n_ctx(const char *key)
{
	const char *r = gettext(key), *word = strchr(key, '\004');
	return r != key || !word ? r : word + 1;
}

#endif
