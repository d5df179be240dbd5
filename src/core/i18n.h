/* i18n.h — messages meant for people go through gettext (the catalogue is po/zh_CN.po; the
 * program binds it in main.c). Without a catalogue, or in the C locale, they are as written. */
#ifndef MAITRE_I18N_H
#define MAITRE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
