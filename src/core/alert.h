/* alert.h — an alert's reason (domain.md §5) as a code and its figures, and its words in the
 * interface's language. The store keeps the code and figures beside an English text; older
 * alerts have only the text, which is read back into a code where it is one of ours. */
#ifndef MAITRE_ALERT_H
#define MAITRE_ALERT_H

#include <stddef.h>
#include <stdint.h>

/* The reason codes and their figures ("|"-separated in args):
 *   no_visit  MONTH                                  no visit in the alert month
 *   overdue   COMPLAINT                              an unresolved complaint past its deadline
 *   severe    SEVERITY|COMPLAINT|DATE                a severe complaint within the last days
 *   short     VISITS|SPEND_FEN|COVERS|MONTH|TIER|GROUP  came, but short of the tier held */
#define ALERT_NO_VISIT "no_visit"
#define ALERT_OVERDUE  "overdue"
#define ALERT_SEVERE   "severe"
#define ALERT_SHORT    "short"

/* The reason of code with args (code NULL or "": an older alert, read from text, the English
 * reason stored) in the interface's language, into buf; a reason not understood is text as it
 * is. Returns buf. */
const char *alert_reason_text(const char *code, const char *args, const char *text, char *buf,
                              size_t len);


#endif
