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

/* The cursor of a list of lines shown some rows at a time: the selected line and the first
 * line shown. */
struct list_cursor {
	size_t sel, top;
};
/* Moves c by a list action (up, down, page up and down, top, bottom) in a list of n lines of
 * which rows are shown: RD_VIEW, or -1 when a is none of those. */
int list_cursor_act(struct list_cursor *c, enum action a, size_t n, int rows);
/* Keeps the selection within n lines and in view of rows; returns the first line to draw. */
size_t list_cursor_first(struct list_cursor *c, size_t n, int rows);

/* A window of a long list read a piece at a time (keyset reads, as the attendance sheet and
 * the alert guests show theirs): rows v[0..n) of elem bytes each, plain data, in the list's
 * order with nothing between, and the cursor over them. The view reads; the window keeps the
 * array, what is known of its ends and the cursor right as rows come and go. */
struct row_window {
	void *v;
	size_t n, elem;
	bool at_start, at_end;  /* nothing before v[0] / after v[n-1] (false: not known yet) */
	struct list_cursor cur; /* over v[0..n) */
};
/* A view's read: up to limit rows after the row edge (backward: before it, in descending
 * order), as a new malloc'ed array; on failure *out is NULL and the view has said why. */
typedef enum store_status (*row_window_read)(struct tui *t, void *ctx, const void *edge,
					     bool backward, size_t limit, void **out, size_t *n);
/* Rows read at once: a screen's worth twice over, so that a read from the top fills it. */
size_t row_window_chunk(const struct tui *t);
/* Replaces the rows by v[0..n) (taken), read forward (or backward, ascending now), a chunk
 * asked for: the end reached when fewer came; the cursor on the first row (backward: the
 * last). at_start for a forward read, at_end for a backward one: whether it began there. */
void row_window_set(struct tui *t, struct row_window *w, void *v, size_t n, bool backward,
		    bool from_edge);
void row_window_free(struct row_window *w);
/* Reads the rows before the window onto its start; false when there are none (or it failed). */
bool row_window_grow_up(struct tui *t, struct row_window *w, row_window_read read, void *ctx);
/* Moves the cursor by a line or a page (up, down, page up, page down) of rows shown, reading
 * past the window's ends first as far as the move needs (the far end is let go past
 * ROW_WINDOW_KEEP rows, or four reads on a very tall screen): RD_VIEW, or -1 when a is none of those. Top and bottom are the view's:
 * it reads from the list's start or end (row_window_set). */
int row_window_move(struct tui *t, struct row_window *w, row_window_read read, void *ctx,
		    enum action a, int rows);
#define ROW_WINDOW_KEEP 1024

/* "!!✕" at (y, x) in the allergy and taboo styles: whether summary s has allergies and taboos,
 * for lists too narrow for the marks themselves; "?" in the allergy style when s is NULL (they
 * could not be read). Returns columns (at most 3). */
int widget_safety_flags(struct tui *t, int y, int x, const struct guest_summary *s);
/* Scrolls a page of lines whose first shown line is *top by a list action (up, down, page up
 * and down, top, bottom), *top staying within 0..last (the first line from which the rest
 * fits): RD_VIEW, or -1 when a is none of those. */
int widget_page_act(size_t *top, enum action a, size_t last, size_t page);

/* The keys every form shares, on a form whose field *focus of n has the focus: Tab and BTab
 * check the field left (check) and move; Enter and ^S save; Esc leaves when the view's leave
 * allows; q is typed, never quits. RD_VIEW, RD_NONE, or -1 when a is none of those. */
int widget_form_act(struct tui *t, struct view *v, enum action a, int *focus, int n,
		    void (*check)(struct view *v, int field),
		    void (*save)(struct tui *t, struct view *v));

/* Moves *m to the first day of the month before or after its month by a prev-month or
 * next-month action: false (m untouched) when a is neither. */
bool widget_month_act(struct date *m, enum action a);

/* The allergy and taboo summaries of the guests a list shows, read as rows come into view (one
 * query for those not read yet) and kept by guest id until the list is read again. */
struct marks_cache {
	struct marks_entry *v; /* sorted by guest id */
	size_t n, cap;
};
/* Reads the summaries of those of ids[0..n) not read yet, in one query. */
void marks_cache_want(struct tui *t, struct marks_cache *c, const int64_t *ids, size_t n);
/* The summary of guest id; NULL when it was not read or could not be. */
const struct guest_summary *marks_cache_get(const struct marks_cache *c, int64_t id);
/* Forgets every summary (the list is read again: they may have changed). */
void marks_cache_clear(struct marks_cache *c);

/* A guest's name in w columns at (y, x) with their "!!✕" marks after it (a long name gives way
 * to them, never the marks); s NULL: "?" (not known). */
void widget_name_marks(struct tui *t, int y, int x, int w, const char *name,
		       const struct guest_summary *s, attr_t attr);
/* Reads into c the marks of the guests of the rows first..first+rows of a list of n, whose
 * guest id id_of gives. */
void marks_cache_rows(struct tui *t, struct marks_cache *c, size_t first, int rows, size_t n,
		      int64_t (*id_of)(const void *list, size_t i), const void *list);

/* A horizontal rule of w columns at (y, x). */
void widget_rule(struct tui *t, int y, int x, int w);

#endif
