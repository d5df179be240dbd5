/* main.c — maitre: argv → a command of the command line. */
#include <locale.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
