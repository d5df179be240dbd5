# cstring.awk — cstring(s): s as the inside of a C string literal, with \ " ? tab and CR escaped
# (? so that no trigraph forms). Loaded before the generators that embed files in the program:
#   awk -f scripts/cstring.awk -f scripts/gen-....awk ...
# Byte by byte (run under LC_ALL=C): a backslash in the replacement of gsub is itself an escape,
# read differently by different awks.
function cstring(s,    out, i, c)
{
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			c = "\\\\"
		else if (c == "\"")
			c = "\\\""
		else if (c == "?")
			c = "\\?"
		else if (c == "\t")
			c = "\\t"
		else if (c == "\r")
			c = "\\r"
		out = out c
	}
	return out
}
