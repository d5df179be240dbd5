/* cli_session.c — who is acting on the command line: the session (session.h) opened with the
 * database, --as LOGIN on a shared login and its PIN, and the permission of each command. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/text.h"
#include "core/xalloc.h"

/* The terminal's settings while a PIN is typed, given back by a signal that ends the
 * process so that the shell is not left without echo. */
static struct termios saved_tty;
static volatile sig_atomic_t tty_fd = -1;
static const int tty_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

/* Sets how each of tty_signals is handled. */
static void tty_signals_to(void (*handler)(int))
{
	for (size_t i = 0; i < sizeof tty_signals / sizeof tty_signals[0]; i++)
		signal(tty_signals[i], handler);
}

static void restore_tty(int sig)
{
	if (tty_fd >= 0)
		tcsetattr(tty_fd, TCSAFLUSH, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Reads one line of at most n - 1 bytes from fd into buf, without its line end. Returns 0, or
 * -1 at the end of the input before a line or on an error. */
static int read_line(int fd, char *buf, size_t n)
{
	size_t len = 0;
	for (;;) {
		char ch;
		ssize_t got = read(fd, &ch, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return len ? 0 : -1;
		if (ch == '\n')
			break;
		/* a NUL inside the line would end the PIN early ("1111\0009" read as 1111): it
		 * stays a character that no PIN has */
		if (ch == '\0')
			ch = '?';
		if (ch != '\r' && len + 1 < n)
			buf[len++] = ch;
	}
	buf[len] = '\0';
	return 0;
}

/* Reads one PIN from the terminal fd without echo, after prompt: 0, or -1 when none was typed
 * (the end of the input). A signal that ends the process gives the terminal its echo back. */
static int read_tty_pin(int fd, const char *prompt, char *pin, size_t n)
{
	struct termios t;
	bool raw = tcgetattr(fd, &t) == 0;
	if (raw) {
		saved_tty = t;
		tty_fd = fd;
		tty_signals_to(restore_tty);
		t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		t.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &t);
	}
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* a terminal that takes no prompt still reads the PIN */
	}
	int rc = read_line(fd, pin, n);
	if (raw) {
		tcsetattr(fd, TCSAFLUSH, &saved_tty);
		tty_fd = -1;
		tty_signals_to(SIG_DFL);
	}
	if (write(fd, "\n", 1) < 0) {
		/* the line end after the PIN is for the eye only */
	}
	return rc;
}

int cli_read_pin(struct cli *c, const char *login, bool twice, char *pin, size_t n)
{
	/* the sign-in's messages name --as; a new PIN's are the command's own (staff pin) */
	char *pre = twice ? xstrdup("") : xasprintf("--as %s: ", login);
	int rc = 0;
	const char *fdv = getenv("MAITRE_PIN_FD");
	if (fdv && *fdv) {
		int64_t fd;
		if (!text_parse_int(fdv, 0, 1023, &fd) || fcntl((int)fd, F_GETFD) < 0)
			rc = cli_error(c, EXIT_USAGE,
				       _("MAITRE_PIN_FD: \"%s\" is not an open file descriptor"), fdv);
		else if (read_line((int)fd, pin, n) != 0)
			rc = cli_error(c, EXIT_DENIED, _("MAITRE_PIN_FD: no PIN to read"));
		free(pre);
		return rc;
	}
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		rc = cli_error(c, EXIT_DENIED,
			       _("%sthe PIN is typed on a terminal, and there is none (a script "
				 "gives it through MAITRE_PIN_FD)"), pre);
		free(pre);
		return rc;
	}
	char *prompt = twice ? xasprintf(_("New PIN for %s: "), login)
			     : xasprintf(_("PIN for %s: "), login);
	if (read_tty_pin(fd, prompt, pin, n) != 0) {
		rc = cli_error(c, EXIT_DENIED, _("%sno PIN was typed"), pre);
	} else if (twice) {
		char again[64];
		if (read_tty_pin(fd, _("The same PIN again: "), again, sizeof again) != 0)
			rc = cli_error(c, EXIT_DENIED, _("%sno PIN was typed"), pre);
		else if (strcmp(again, pin) != 0)
			rc = cli_error(c, EXIT_USER, _("the two PINs differ: nothing was changed"));
		explicit_bzero(again, sizeof again);
	}
	if (rc)
		explicit_bzero(pin, n);
	free(prompt);
	free(pre);
	close(fd);
	return rc;
}

/* Signs c->as in on the shared login: 0, or the exit status after the refusal. */
static int sign_in_as(struct cli *c)
{
	struct session *s = c->session;
	if (!s->self.id || !s->self.shared)
		return cli_error(c, EXIT_USAGE,
				 _("--as: %s is not a shared login, and acts as itself: --as is for "
				   "the front desk's shared login"), store_login(c->st));
	char pin[64];
	int rc = cli_read_pin(c, c->as, false, pin, sizeof pin);
	if (rc)
		return rc;
	enum pin_result res;
	int left;
	enum store_status st = session_sign_in(s, c->as, pin, &res, &left);
	explicit_bzero(pin, sizeof pin);
	if (st == ST_NOTFOUND)
		return cli_error(c, EXIT_DENIED, _("--as: no member of the staff has the login "
						   "\"%s\""), c->as);
	if (st != ST_OK)
		return cli_store_error(c, st);
	switch (res) {
	case PIN_OK:
		return 0;
	case PIN_WRONG:
		return cli_error(c, EXIT_DENIED, _("--as %s: wrong PIN (%d more before a lockout)"),
				 c->as, left);
	case PIN_LOCKED:
		return cli_error(c, EXIT_DENIED,
				 _("--as %s: locked out after %d wrong PINs; try again in %d s"), c->as,
				 STAFF_PIN_TRIES, left);
	case PIN_NONE:
		return cli_error(c, EXIT_DENIED,
				 _("--as %s: has no PIN yet: an admin sets one with `maitre staff pin "
				   "%s`"), c->as, c->as);
	case PIN_UNUSABLE:
		break;
	}
	return cli_error(c, EXIT_DENIED,
			 _("--as %s: cannot sign in (disabled, or a shared login itself)"), c->as);
}

int cli_sign_in(struct cli *c)
{
	if (c->session) {
		/* the database opened again (the demo does): the session moves to the new
		 * connection, which must not be left pointing at the closed one */
		c->session->st = c->st;
		if (c->session->person.id)
			store_act_as(c->st, c->session->person.login);
		return 0;
	}
	/* doctor's connection to a book of an older schema: no staff to ask */
	if (store_schema_version(c->st) < store_schema_latest())
		return 0;
	c->session = xcalloc(1, sizeof *c->session);
	enum store_status s = session_open(c->session, c->st);
	if (s != ST_OK)
		return cli_store_error(c, s);
	cli_show_diags(&c->session->diags);
	if (c->session->roles_kept)
		fprintf(stderr, _("maitre: the roles last read from a good file stay in force "
				  "until roles.yaml is mended\n"));
	int rc = c->as ? sign_in_as(c) : 0;
	if (rc == 0 && c->perm != NOPERM)
		rc = cli_may(c, (enum perm)c->perm);
	return rc;
}

int cli_may(struct cli *c, enum perm p)
{
	if (!c->session)
		return 0;
	enum session_answer a = session_may(c->session, p);
	if (a == SESSION_YES)
		return 0;
	char *why = session_refusal(c->session, p);
	int rc = a == SESSION_SIGN_IN
			 ? cli_error(c, EXIT_DENIED, _("%s: maitre --as LOGIN %s ..."), why, c->cmd)
			 : cli_error(c, EXIT_DENIED, "%s", why);
	free(why);
	return rc;
}

bool cli_sees_sensitive(struct cli *c, int64_t guest_manager)
{
	return !c->session || session_sees_sensitive(c->session, guest_manager);
}
