/* cli.h — the command line: `maitre [GLOBAL OPTIONS] COMMAND [ARGS]`.
 * Exit status: 0 ok, 1 user error (bad input, not found), 2 usage, 3 data/IO error, 4 not
 * allowed (the role, or a shared login nobody signed in on). */
#ifndef MAITRE_CLI_H
#define MAITRE_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "cli/opt.h"
#include "export/table.h"
#include "core/i18n.h"
#include "session/session.h"
#include "store/store.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2, EXIT_DATA = 3, EXIT_DENIED = 4 };

struct tier_rules;
/* What the command line reaches of the terminal interface without depending on it: main
 * passes it in. */
struct cli_interface {
	/* Runs the interface on the open database st for the session of who is at the terminal
	 * (rules may be NULL; tiers: the --tiers FILE, or NULL) until the user quits; returns an
	 * exit status. */
	int (*run)(struct store *st, struct session *session, const struct tier_rules *rules,
		   const char *db, const char *tiers);
	/* 'maitre help keys': the keys of every screen, on out. */
	void (*print_keys)(FILE *out);
};

struct cli {
	char *db;               /* database path */
	char *tiers;            /* --tiers FILE: the tier rules, or NULL */
	enum out_format format; /* --format, for listings */
	const char *cmd;        /* the running command's name, for messages */
	struct store *st;       /* open database, or NULL */
	const struct cli_interface *ui; /* the interface, started when no command is given */
	struct strv shown;       /* the strings cli_shown made, freed when the command ends */
	char *as;               /* --as LOGIN: the person acting on a shared login */
	int perm;               /* what the running command needs (enum perm), or NOPERM */
	struct session *session; /* who is acting, once the database is open */
	int64_t *guest_ids[4];   /* guest ids parsed before the database was open (cli_parse_guest),
				  * resolved by cli_open */
	size_t nguest_ids;
};

/* A command that needs no permission (init, help, check-config). */
#define NOPERM (-1)

typedef int (*cli_fn)(struct cli *c, int argc, char **argv);

struct cli_command {
	const char *name;       /* "guest add" */
	cli_fn fn;
	const struct opt *opts; /* its options (global ones are accepted too) */
	const char *args;       /* positional arguments for the usage line */
	const char *summary;
	int perm; /* the permission it needs (enum perm; access.h), or NOPERM */
};

/* The global options, accepted before or after the command. */
extern const struct opt cli_global_opts[];

/* Runs maitre with argv: the command it names, or without one the interface ui; returns the
 * exit status. */
int cli_main(int argc, char **argv, const struct cli_interface *ui);

/* Who is acting, once the database is open (cli_open): the session, its person signed in with
 * --as, and the running command's permission checked. Returns 0, or the exit status after
 * the refusal or the failure is reported. */
int cli_sign_in(struct cli *c);
/* 0 when the person acting may p (as well as what the command needs), else the exit status
 * after the refusal ("to void a visit needs the role 经理 (manager); ...") is printed. */
int cli_may(struct cli *c, enum perm p);
/* A PIN into pin (of n bytes): one line from the file descriptor $MAITRE_PIN_FD (a script's),
 * else typed on the terminal without echo, "PIN for LOGIN: " (the sign-in, --as login); with
 * twice, a new PIN for login, typed twice on the terminal and refused when the two differ.
 * Returns 0, or the exit status once the refusal is reported. */
int cli_read_pin(struct cli *c, const char *login, bool twice, char *pin, size_t n);
/* Writes the audit row of an export (domain.md §9: exports are logged), before anything is
 * written out: "guests with the sensitive fields, to book.xlsx". 0, or the exit status once
 * the failure is said (nothing may be exported then). */
int cli_log_export(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether the person acting may see the sensitive fields of a guest whose sales manager is the
 * staff id guest_manager. */
bool cli_sees_sensitive(struct cli *c, int64_t guest_manager);

/* Handles a global option (id from cli_global_opts). Returns 0, or an exit status. */
int cli_global(struct cli *c, int id, const char *val);
/* Parses the options of the running command: calls on_opt for each option of table and each
 * positional word (id OPT_POSITIONAL); global options are handled here. Returns 0 or the exit
 * status of the first failure (usage errors print the message). */
int cli_parse(struct cli *c, int argc, char **argv, const struct opt *table,
	      int (*on_opt)(struct cli *c, void *ctx, int id, const char *val), void *ctx);
/* Opens the database (flags of store_open); prints the error and returns an exit status on
 * failure, else 0. Opening to create (init, the interface) removes what a killed demo left
 * beside the database. */
int cli_open(struct cli *c, int flags);
/* Removes DB.demo-PID (and its side files) of demos whose process is gone. */
void cli_remove_stale_demos(const char *db);
/* Prints "maitre: CMD: message" on stderr and returns code. */
int cli_error(struct cli *c, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reports a failed store call and returns the exit status for it (1 or 3). */
int cli_store_error(struct cli *c, enum store_status s);
/* Parses a positive id ("12"); on failure prints "WHAT: must be a positive whole number, got ..." and
 * returns false. */
bool cli_parse_id(struct cli *c, const char *what, const char *s, int64_t *id);
/* cli_parse_id for a guest's id, which answers as the guest it was merged into (issue 16): the
 * one place a typed guest id is resolved. Resolved now when the database is open, else by
 * cli_open (id must live until then); a merged id says so on stderr, "maitre: note: guest 12
 * was merged into 7". */
bool cli_parse_guest(struct cli *c, const char *what, const char *s, int64_t *id);
/* Asks "question [y/N] " on the terminal: 0 when answered yes (or yes already given: --yes),
 * else the exit status once what happens instead is said (nothing: undone names it). Without
 * a terminal, refused: a script says --yes. */
int cli_confirm(struct cli *c, bool yes, const char *question, const char *undone);
/* Prints "  label   value" for a sheet-like view (nothing when value is empty): the value
 * made harmless for the terminal, its lines after the first indented under it. */
void cli_show_line(const char *label, const char *value);
/* Prints each diagnostic of v (a config file's "FILE:LINE:COLUMN: what") on its own line of
 * stderr, made harmless for the terminal as text_display makes it. */
void cli_show_diags(const struct strv *v);
/* s (NULL: "") as text_display shows it, for a printf of stored text or an argument: no
 * control or bidirectional control reaches the terminal. Kept until the command ends. */
const char *cli_shown(struct cli *c, const char *s);
/* Prints a usage line for the running command and returns EXIT_USAGE. */
int cli_usage(struct cli *c);
struct date;
/* Parses a month "YYYY-MM" into *out (its first day); 0, or EXIT_USER after
 * "WHAT: must be YYYY-MM, got ...". */
int cli_parse_month(struct cli *c, const char *what, const char *val, struct date *out);
/* Parses a date "YYYY-MM-DD" into *out; 0, or EXIT_USER after "WHAT: \"2026-02-30\" is not a
 * date" (date_parse_why). */
int cli_parse_date(struct cli *c, const char *what, const char *val, struct date *out);
/* Parses a whole number from lo to hi into *out; 0, or EXIT_USER after "WHAT: must be a whole
 * number from LO to HI, got ...". */
int cli_parse_int(struct cli *c, const char *what, const char *val, int lo, int hi, int *out);
/* Parses an amount in yuan ("520", "520.50", money_parse) into *fen; 0, or EXIT_USER after
 * "WHAT: must be an amount in yuan such as 520 or 520.50, got ...". */
int cli_parse_money(struct cli *c, const char *what, const char *val, int64_t *fen);
/* An option callback for commands of at most one argument: ctx is a const char ** that
 * receives it (NULL: the command takes none); a second one is a usage error. */
int cli_one_arg(struct cli *c, void *ctx, int id, const char *val);
/* 0 when the positional words args hold exactly one for each of what[0..n-1] ("the guest
 * id", ...); else a usage error, "needs WHAT" for the first missing or "unexpected argument"
 * for the first extra one. */
struct strv;
int cli_want_args(struct cli *c, const struct strv *args, size_t n, const char *const *what);
/* "maitre: CMD: message", then the usage line; returns EXIT_USAGE. */
int cli_usage_error(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct tier_rules;
/* The tier rules in force: --tiers FILE, else $XDG_CONFIG_HOME/maitre/tiers.yaml, else the
 * installed or built-in default; loaded once per process. On a broken file, prints its
 * file:line:column errors and returns NULL (the caller exits with EXIT_DATA). */
const struct tier_rules *cli_rules(struct cli *c);
/* The tier rules in force into *r (cli_rules), then the database (cli_open with flags): 0, or
 * the exit status once the failure is reported. */
int cli_begin(struct cli *c, int flags, const struct tier_rules **r);
/* maitre check-config [FILE] (cli_config.c). */
int cli_check_config(struct cli *c, int argc, char **argv);
extern const struct opt cli_check_config_opts[];

/* 0 when tier is a letter tier of the rules r, else prints "tier: no tier ..." and returns
 * EXIT_USER. */
int cli_check_tier_letter(struct cli *c, const struct tier_rules *r, const char *tier);

/* Commands (cli_guest.c, cli_visit.c, cli_db.c). */
int cli_guest_add(struct cli *c, int argc, char **argv);
int cli_guest_edit(struct cli *c, int argc, char **argv);
int cli_guest_show(struct cli *c, int argc, char **argv);
int cli_guest_find(struct cli *c, int argc, char **argv);
/* maitre guest export ID (cli_guest.c): everything held about a guest, as JSON. */
int cli_guest_export(struct cli *c, int argc, char **argv);
/* maitre guest erase and guest delete (cli_erase.c) */
int cli_guest_erase(struct cli *c, int argc, char **argv);
int cli_guest_delete(struct cli *c, int argc, char **argv);
extern const struct opt cli_guest_erase_opts[], cli_guest_delete_opts[];
/* The card's lines of an erased guest id: when and by whom; the reason for those who may
 * erase. Nothing when it cannot be read. */
void cli_show_erasure(struct cli *c, int64_t id);
/* After an erasure (guest erase, privacy sweep) whose scrub emptied the write-ahead log or
 * not (erase_store_scrub): that another process still reads it when not, then how many
 * backups in the backup folder still hold the guests as they were, and how they go (nothing
 * when there are none). */
void cli_erase_notes(struct cli *c, bool emptied);
int cli_visit_add(struct cli *c, int argc, char **argv);
int cli_visit_correct(struct cli *c, int argc, char **argv);
int cli_visit_list(struct cli *c, int argc, char **argv);
int cli_visit_void(struct cli *c, int argc, char **argv);
/* maitre opening-date [YYYY-MM-DD] (cli_visit.c): shows or sets the restaurant's opening date. */
int cli_opening_date(struct cli *c, int argc, char **argv);
extern const struct opt cli_opening_date_opts[];
int cli_init(struct cli *c, int argc, char **argv);
int cli_backup(struct cli *c, int argc, char **argv);
int cli_demo(struct cli *c, int argc, char **argv);
int cli_summary(struct cli *c, int argc, char **argv);
/* maitre doctor [--repair]: is the database whole (exit 0) or not (EXIT_DATA)? */
int cli_doctor(struct cli *c, int argc, char **argv);
/* maitre restore BACKUP [--yes] (cli_db.c): the database replaced by a backup, checked,
 * compared with it and confirmed first; the file replaced is kept in the backup folder. */
int cli_restore(struct cli *c, int argc, char **argv);
extern const struct opt cli_restore_opts[];
int cli_tier_recompute(struct cli *c, int argc, char **argv);
/* Recomputes the tiers of each month of months ("YYYY-MM", as maitre tier recompute --month M
 * does; cli_import.c), the database closed first and after: an import's months, a merge's. */
struct strv;
int cli_tier_recompute_months(struct cli *c, const struct strv *months);
int cli_tier_show(struct cli *c, int argc, char **argv);
int cli_tier_override(struct cli *c, int argc, char **argv);
int cli_tier_list(struct cli *c, int argc, char **argv);
int cli_tier_movers(struct cli *c, int argc, char **argv);
int cli_sheet(struct cli *c, int argc, char **argv);
int cli_alerts(struct cli *c, int argc, char **argv);
int cli_alert_show(struct cli *c, int argc, char **argv);
int cli_alert_feedback(struct cli *c, int argc, char **argv);
int cli_alert_action(struct cli *c, int argc, char **argv);
int cli_alert_done(struct cli *c, int argc, char **argv);
int cli_alert_close(struct cli *c, int argc, char **argv);
int cli_report_tiers(struct cli *c, int argc, char **argv);
int cli_report_revenue(struct cli *c, int argc, char **argv);
int cli_report_complaints(struct cli *c, int argc, char **argv);
int cli_report_pareto(struct cli *c, int argc, char **argv);

extern const struct opt cli_guest_add_opts[], cli_guest_edit_opts[], cli_guest_show_opts[],
	cli_guest_find_opts[], cli_guest_export_opts[], cli_visit_add_opts[], cli_visit_correct_opts[],
	cli_visit_list_opts[], cli_visit_void_opts[],
	cli_init_opts[], cli_backup_opts[], cli_demo_opts[], cli_summary_opts[], cli_doctor_opts[],
	cli_tier_recompute_opts[], cli_tier_show_opts[], cli_tier_override_opts[],
	cli_tier_list_opts[], cli_tier_movers_opts[], cli_sheet_opts[], cli_alerts_opts[],
	cli_alert_show_opts[], cli_alert_feedback_opts[], cli_alert_action_opts[],
	cli_alert_done_opts[], cli_alert_close_opts[], cli_report_opts[];

/* Dates, gifts, contacts, banquets and the agenda (cli_agenda.c). */
int cli_dates(struct cli *c, int argc, char **argv);
int cli_gift_given(struct cli *c, int argc, char **argv);
int cli_agenda(struct cli *c, int argc, char **argv);
int cli_contact_log(struct cli *c, int argc, char **argv);
int cli_banquet_log(struct cli *c, int argc, char **argv);
extern const struct opt cli_dates_opts[], cli_gift_given_opts[], cli_agenda_opts[],
	cli_contact_log_opts[], cli_banquet_log_opts[];

/* The guest book and the visits taken out (cli_export.c). */
int cli_export_guests(struct cli *c, int argc, char **argv);
int cli_export_visits(struct cli *c, int argc, char **argv);
extern const struct opt cli_export_guests_opts[], cli_export_visits_opts[];

/* The staff, their roles and PINs (cli_staff.c). */
int cli_staff_add(struct cli *c, int argc, char **argv);
int cli_staff_list(struct cli *c, int argc, char **argv);
int cli_staff_edit(struct cli *c, int argc, char **argv);
int cli_staff_disable(struct cli *c, int argc, char **argv);
int cli_staff_pin(struct cli *c, int argc, char **argv);
int cli_staff_roles(struct cli *c, int argc, char **argv);
extern const struct opt cli_staff_add_opts[], cli_staff_list_opts[], cli_staff_edit_opts[],
	cli_staff_disable_opts[], cli_staff_pin_opts[], cli_staff_roles_opts[];

/* Guests merged and taken apart again (cli_merge.c). */
int cli_guest_merge(struct cli *c, int argc, char **argv);
int cli_guest_unmerge(struct cli *c, int argc, char **argv);
int cli_guest_merges(struct cli *c, int argc, char **argv);
extern const struct opt cli_guest_merge_opts[], cli_guest_unmerge_opts[], cli_guest_merges_opts[];

/* Complaints and their recovery (cli_complaint.c). */
int cli_complaint_add(struct cli *c, int argc, char **argv);
int cli_complaint_list(struct cli *c, int argc, char **argv);
int cli_complaint_show(struct cli *c, int argc, char **argv);
int cli_complaint_ack(struct cli *c, int argc, char **argv);
int cli_complaint_step(struct cli *c, int argc, char **argv);
int cli_complaint_resolve(struct cli *c, int argc, char **argv);
int cli_complaint_followup(struct cli *c, int argc, char **argv);
int cli_complaint_close(struct cli *c, int argc, char **argv);
int cli_complaint_reopen(struct cli *c, int argc, char **argv);
extern const struct opt cli_complaint_add_opts[], cli_complaint_list_opts[],
	cli_complaint_show_opts[], cli_complaint_ack_opts[], cli_complaint_step_opts[],
	cli_complaint_resolve_opts[], cli_complaint_followup_opts[], cli_complaint_close_opts[],
	cli_complaint_reopen_opts[];

/* Guests who may be the same person, and the pairs that are not (cli_dup.c, issue 16). */
int cli_guest_duplicates(struct cli *c, int argc, char **argv);
extern const struct opt cli_guest_duplicates_opts[];
#endif
