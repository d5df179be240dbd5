/* view_audit.c — a guest's history, opened from the card with h: who changed what and when
 * (the rows maitre audit --guest lists: the sheet, visits, complaints, alerts, contacts, gifts,
 * banquets), the newest first, one line a change, scrollable. Sensitive values are masked as
 * on the command line: "hidden — manager" where the reader may not see them. */
#include <stdlib.h>
#include <string.h>

#include "config/settings.h"
#include "core/strv.h"
#include "store/audit_store.h"
#include "tui/draw.h"
#include "tui/list_cursor.h"
#include "tui/tui.h"

struct history {
	int64_t guest_id;
	char *name;
	struct audit_row *v;
	size_t n;
	struct list_cursor cur;
	struct error err;
	bool sees; /* the reader may see this guest's sensitive values (load) */
};

/* Whether the reader may see a guest's sensitive values: asked once a load, not once a row
 * (session_sees_guest reads the guest's sales manager), every row being this guest's. */
static bool reveal(void *ctx, int64_t guest_id)
{
	const struct history *h = ctx;
	return guest_id == h->guest_id && h->sees;
}

static void load(struct tui *t, struct history *h)
{
	audit_rows_free(h->v, h->n);
	h->v = NULL;
	h->n = 0;
	error_clear(&h->err);
	/* the fields config.yaml adds to the don't-asks are masked as those are */
	struct audit_filter f = {.guest_id = h->guest_id, .sensitive = settings_sensitive_fields()};
	h->sees = !t->session || session_sees_guest(t->session, h->guest_id);
	enum store_status s = audit_store_list(t->st, &f, reveal, h, &h->v, &h->n);
	if (s != ST_OK)
		error_set(&h->err, 0, "%s", tui_store_error(t, s));
}

/* The words of an audit row (its entity, action, a field that is not one of the sheet's, its
 * operation), as the store writes them, and how the history says them; a word not here is
 * shown as written. */
static const struct {
	const char *word, *said;
} words[] = {
	{"guest", NC_("audit", "guest")}, {"visit", NC_("audit", "visit")},
	{"complaint", NC_("audit", "complaint")}, {"alert", NC_("audit", "alert")},
	{"contact", NC_("audit", "contact")}, {"gift", NC_("audit", "gift")},
	{"banquet", NC_("audit", "banquet")}, {"staff", NC_("audit", "staff")},
	{"import", NC_("audit", "import")}, {"export", NC_("audit", "export")},
	{"create", NC_("audit", "create")}, {"add", NC_("audit", "add")},
	{"change", NC_("audit", "change")}, {"update", NC_("audit", "update")},
	{"remove", NC_("audit", "remove")}, {"delete", NC_("audit", "delete")},
	{"void", NC_("audit", "void")}, {"undo", NC_("audit", "undo")},
	{"allow-old", NC_("audit", "an old date allowed")}, {"override", NC_("audit", "override")},
	{"clear override", NC_("audit", "clear the override")}, {"event", NC_("audit", "event")},
	{"done", NC_("audit", "done")}, {"ack", NC_("audit", "acknowledge")},
	{"resolve", NC_("audit", "resolve")}, {"followup", NC_("audit", "follow up")},
	{"close", NC_("audit", "close")}, {"reopen", NC_("audit", "reopen")},
	{"phone", NC_("audit", "phone")}, {"preference", NC_("audit", "preference")},
	{"special_date", NC_("audit", "special date")}, {"person", NC_("audit", "person")},
	{"tag", NC_("audit", "tag")}, {"note", NC_("audit", "note")},
	{"light", NC_("audit", "light")}, {"steps", NC_("audit", "steps")},
	{"status", NC_("audit", "status")}, {"resolution", NC_("audit", "resolution")},
	{"compensation", NC_("audit", "compensation")}, {"verdict", NC_("audit", "verdict")},
	{"followup_note", NC_("audit", "follow-up note")}, {"reason", NC_("audit", "reason")},
	{"action", NC_("audit", "action")}, {"tier", NC_("audit", "tier")},
	{"void_reason", NC_("audit", "void reason")},
};

/* How the history says word: a field of the sheet by its label, else from words[]. */
static const char *said(const char *word)
{
	const struct guest_field *f = guest_field_find(word);
	if (f)
		return _(f->form_label);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].word, word) == 0)
			return i18n_ctx(words[i].said);
	return word;
}

/* What a row changed, as one line: "update income: 10万 → 100万 · import 3" in the reader's
 * words. Caller frees. */
static char *row_text(struct tui *t, const struct audit_row *r)
{
	struct sbuf b = {0};
	const char *old = r->hidden ? session_hidden(t->session) : r->old;
	const char *new = r->hidden ? session_hidden(t->session) : r->new;
	if (strcmp(r->entity, "guest") != 0)
		sbuf_printf(&b, "%s %lld ", said(r->entity), (long long)r->entity_id);
	sbuf_add(&b, said(r->action));
	if (r->field)
		sbuf_printf(&b, " %s", said(r->field));
	if (old && new)
		sbuf_printf(&b, ": %s → %s", old, new);
	else if (new)
		sbuf_printf(&b, ": %s", new);
	else if (old)
		sbuf_printf(&b, ": %s → —", old);
	if (r->op)
		sbuf_printf(&b, " · %s %lld", said(r->op), (long long)r->op_id);
	return sbuf_detach(&b);
}

static const char *title(struct tui *t, struct view *v)
{
	(void)t;
	struct history *h = v->data;
	static char buf[160];
	snprintf(buf, sizeof buf, _("history of %s"), h->name);
	return buf;
}

static void draw(struct tui *t, struct view *v)
{
	struct history *h = v->data;
	int w = t->cols, bottom = t->rows - 3, rows = bottom - 2;
	attr_t lab = draw_attr(t, TE_LABEL);
	if (error_is_set(&h->err)) {
		draw_fill(2, 1, w - 2, h->err.msg, draw_attr(t, TE_ERROR));
		return;
	}
	char count[64];
	snprintf(count, sizeof count, _("changes: %zu, the newest first"), h->n);
	draw_fill(1, 1, w - 2, count, lab);
	draw_text(2, 2, 16, _("when"), lab, true);
	draw_text(2, 19, 12, _("who"), lab, true);
	draw_text(2, 32, w - 33, _("what"), lab, true);
	if (!h->n) {
		draw_text(3, 2, w - 4, _("No changes recorded."), draw_attr(t, TE_DIM), true);
		return;
	}
	size_t first = list_cursor_first(&h->cur, h->n, rows);
	for (size_t i = first; i < h->n && (int)(i - first) < rows; i++) {
		const struct audit_row *r = &h->v[i];
		int y = 3 + (int)(i - first);
		bool sel = i == h->cur.sel;
		attr_t a = sel ? draw_attr(t, TE_SELECTION) : draw_attr(t, TE_NORMAL);
		char at[17];
		snprintf(at, sizeof at, "%s", r->at ? r->at : ""); /* to the minute */
		draw_fill(y, 0, w, sel ? ">" : "", a);
		draw_text(y, 2, 16, at, a, false);
		draw_text(y, 19, 12, r->name ? r->name : r->login, a, true);
		char *what = row_text(t, r);
		draw_text(y, 32, w - 33, what, r->hidden && !sel ? draw_attr(t, TE_DIM) : a, true);
		free(what);
	}
}

static enum handler_result act(struct tui *t, struct view *v, enum action a, wint_t ch)
{
	(void)ch;
	struct history *h = v->data;
	if (list_cursor_act(&h->cur, a, h->n, t->rows - 5) != HR_NOT_MINE)
		return HR_REDRAW;
	return HR_NOT_MINE;
}

static void reload(struct tui *t, struct view *v)
{
	struct history *h = v->data;
	int64_t at = h->n ? h->v[h->cur.sel].id : 0;
	load(t, h);
	for (size_t i = 0; i < h->n; i++) /* the selected change stays selected */
		if (h->v[i].id == at)
			h->cur.sel = i;
}

static void history_release(struct view *v)
{
	struct history *h = v->data;
	audit_rows_free(h->v, h->n);
	free(h->name);
}

static const enum action hints[] = {ACT_PAGE_DOWN, ACT_BACK, ACT_NONE};

static const struct view_ops ops = {
	.name = "history",
	.scope = SC_HISTORY | SC_LIST,
	.title = title,
	.draw = draw,
	.act = act,
	.reload = reload,
	.release = history_release,
	.hints = hints,
};

struct view *view_audit_new(struct tui *t, int64_t guest_id, const char *name)
{
	struct view *v = tui_view_new(&ops, sizeof(struct history));
	struct history *h = v->data;
	h->guest_id = guest_id;
	h->name = name && name[0] ? xstrdup(name) : xasprintf("%lld", (long long)guest_id);
	load(t, h);
	return v;
}
