/* draft.c — a form's text kept across a hangup (see draft.h). */
#include "tui/draft.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/paths.h"
#include "config/tiers.h"

char *draft_path(const char *db, const char *login)
{
	char abs[PATH_MAX];
	const char *p = realpath(db, abs) ? abs : db;
	/* the login is hashed too: two logins that read the same below (王五, 李四 → ______)
	 * never share a draft */
	char *key = xasprintf("%s%c%s", p, '\0', login), hex[17];
	tiers_hash(key, strlen(p) + 1 + strlen(login), hex);
	free(key);
	char who[64];
	size_t n = 0;
	for (const char *c = login; *c && n < sizeof who - 1; c++) /* a file name, whatever it is */
		who[n++] = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				   (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.'
			       ? *c
			       : '_';
	who[n] = '\0';
	char *dir = paths_state_dir();
	char *path = xasprintf("%s/drafts/%s-%s.draft", dir, hex, who);
	free(dir);
	return path;
}

void draft_add(struct draft *d, const char *key, const char *value)
{
	if (!value)
		return;
	strv_push(&d->keys, key);
	strv_push(&d->vals, value);
}

void draft_add_int(struct draft *d, const char *key, long long n)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", n);
	draft_add(d, key, buf);
}

long long draft_get_int(const struct draft *d, const char *key, long long def)
{
	const char *s = draft_get(d, key);
	return s ? strtoll(s, NULL, 10) : def;
}

const char *draft_get(const struct draft *d, const char *key)
{
	for (size_t i = 0; i < d->keys.n && i < d->vals.n; i++)
		if (strcmp(d->keys.v[i], key) == 0)
			return d->vals.v[i];
	return NULL;
}

static void put_value(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\\')
			fputs("\\\\", f);
		else
			fputc(*s, f);
	}
	fputc('\n', f);
}

int draft_write(const char *path, const struct draft *d)
{
	int rc = -1, e = 0;
	char *tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	FILE *f = NULL;
	if (paths_make_parent(path) < 0)
		goto out;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		goto out;
	}
	fputs("maitre draft 1\n", f);
	for (size_t i = 0; i < d->keys.n && i < d->vals.n; i++) {
		fprintf(f, "%s ", d->keys.v[i]);
		put_value(f, d->vals.v[i]);
	}
	if (fflush(f) != 0 || fsync(fileno(f)) < 0) {
		e = errno;
		fclose(f);
		f = NULL;
		unlink(tmp);
		errno = e;
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		e = errno;
		unlink(tmp);
		errno = e;
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) < 0) {
		e = errno;
		unlink(tmp);
		errno = e;
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

int draft_read(const char *path, struct draft *d)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? 1 : -1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = -1;
	if ((n = getline(&line, &cap, f)) < 0 || strcmp(line, "maitre draft 1\n") != 0)
		goto out;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		char *sp = strchr(line, ' ');
		if (!sp)
			goto out;
		*sp = '\0';
		char *v = sp + 1, *w = v;
		for (char *r = v; *r; r++) {
			if (*r == '\\' && r[1] == 'n')
				*w++ = '\n', r++;
			else if (*r == '\\' && r[1] == '\\')
				*w++ = '\\', r++;
			else
				*w++ = *r;
		}
		*w = '\0';
		draft_add(d, line, v);
	}
	rc = 0;
out:
	free(line);
	fclose(f);
	return rc;
}

void draft_remove(const char *path)
{
	if (path)
		unlink(path);
}

void draft_free(struct draft *d)
{
	strv_free(&d->keys);
	strv_free(&d->vals);
}
