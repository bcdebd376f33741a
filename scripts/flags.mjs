// The command-line reading `npm run build` and `npm run package` share: `--flag value`, `--flag=value` and
// bare switches; `--help` prints the usage; an unknown flag or a missing value is a sentence, not a stack trace.

/**
 * Calls `onFlag(flag, value)` for each flag in `argv`, in order. `valued` names the flags that take a value
 * (value: the string), `switches` those that take none (value: true); anything else is refused.
 */
export function readFlags(argv, { valued, switches, usage, fail }, onFlag) {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') { console.log(usage); process.exit(0); }
    if (valued.includes(flag)) {
      const v = inline ?? argv[++i];
      if (v === undefined) fail(`${flag} needs a value\n${usage}`);
      onFlag(flag, v);
    } else if (switches.includes(flag)) onFlag(flag, true);
    else fail(`unknown option ${argv[i]}\n${usage}`);
  }
}
