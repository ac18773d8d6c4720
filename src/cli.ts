// How every command-line tool of the project ends (npm run load, db:*, audit, bench,
// evidence:manifest): with the code its main returns, or, when it throws, its message alone on
// stderr (a refused load or a bad setting is the user's to fix, not a stack to read) and exit 1.
// An exit is explicit because an open driver or server would otherwise keep the process alive.
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
