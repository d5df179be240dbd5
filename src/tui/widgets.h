/* widgets.h — pieces several views draw the same way: result lines, tier badges and the
 * safety block (allergies and taboos: warning style, a marker that survives monochrome, never
 * truncated away). */
#ifndef MAITRE_WIDGETS_H
#define MAITRE_WIDGETS_H

#include "store/search_store.h"
#include "tui/tui.h"

/* The theme element of a tier letter ("A" → TE_TIER_A; "" → TE_DIM). */
enum theme_elem widget_tier_elem(const char *tier);
/* Draws "[A]" (or the tier with its group when wide is set) at (y, x); returns columns. */
int widget_tier_badge(struct tui *t, int y, int x, const char *tier, const char *grp, bool wide);
/* The column titles of result lines, at row y. */
void widget_result_header(struct tui *t, int y, int w);
/* One result line: complaint mark, address, tier, safety marks, employer, last visit. */
void widget_result_line(struct tui *t, int y, int w, const struct guest_summary *s, bool selected);
/* The safety marks of a result line ("!! 花生 ✕ 猪肉") in w columns at (y, x), shortened so
 * that taboos never disappear behind allergies; nothing when there are none. */
void widget_safety_marks(struct tui *t, int y, int x, int w, const char *allergies,
			 const char *taboos);
/* Rows the safety block of these allergies and taboos takes in w columns (at least 1). */
int widget_safety_rows(struct tui *t, const char *allergies, const char *taboos, int w);
/* Draws the safety block from row y: "!! 过敏 …" in the allergy style and "✕ 忌口 …" in the
 * taboo style, wrapped, in full; "no allergies or taboos recorded" when there are none.
 * Returns the rows used. */
int widget_safety(struct tui *t, int y, int x, int w, const char *allergies, const char *taboos);

/* The safety block (widget_safety) of guest summary s, and the rows it takes; s NULL means the
 * guest's allergies and taboos could not be read, said as such in the allergy style, never as
 * "none recorded". */
int widget_guest_safety(struct tui *t, int y, int x, int w, const struct guest_summary *s);
int widget_guest_safety_rows(struct tui *t, const struct guest_summary *s, int w);

/* "!!✕" at (y, x) in the allergy and taboo styles: whether summary s has allergies and taboos,
 * for lists too narrow for the marks themselves; "?" in the allergy style when s is NULL (they
 * could not be read). Returns columns (at most 3). */
int widget_safety_flags(struct tui *t, int y, int x, const struct guest_summary *s);
/* Scrolls a page of lines whose first shown line is *top by a list action (up, down, page up
 * and down, top, bottom), *top staying within 0..last (the first line from which the rest
 * fits): HR_REDRAW, or HR_NOT_MINE when a is none of those. */
enum handler_result widget_page_act(size_t *top, enum action a, size_t last, size_t page);

/* The keys every form shares, on a form whose field *focus of n has the focus: Tab and BTab
 * check the field left (check) and move; Enter and ^S save; Esc leaves when the view's leave
 * allows; q is typed, never quits. HR_REDRAW, HR_HANDLED, or HR_NOT_MINE when a is none of those. */
enum handler_result widget_form_act(struct tui *t, struct view *v, enum action a, int *focus,
				    int n, void (*check)(struct view *v, int field),
				    void (*save)(struct tui *t, struct view *v));

/* Moves *m to the first day of the month before or after its month by a prev-month or
 * next-month action: false (m untouched) when a is neither. */
bool widget_month_act(struct date *m, enum action a);

/* A guest's name in w columns at (y, x) with their "!!✕" marks after it (a long name gives way
 * to them, never the marks); s NULL: "?" (not known). */
void widget_name_marks(struct tui *t, int y, int x, int w, const char *name,
		       const struct guest_summary *s, attr_t attr);
/* A horizontal rule of w columns at (y, x). */
void widget_rule(struct tui *t, int y, int x, int w);

#endif
