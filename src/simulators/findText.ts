// What Word's Range.search and WPS's Find.Execute look for, as both simulators read a find string: `^^` is `^`, `^p`
// a paragraph mark, `^t` a tab — the special characters the product's needles use (core TextTarget); any other is
// not modelled and fails loudly (Word: "Find and replace special characters", ^p / ^t / ^^).

/** the text `query` asks for, with `mark` for ^p (the host's paragraph mark); `fail` makes the host's own error
 *  for a special character that is not modelled */
export function findNeedle(query: string, mark: string, fail: (special: string) => Error): string {
  let needle = '';
  for (let i = 0; i < query.length; i++) {
    if (query[i] !== '^') { needle += query[i]; continue; }
    const code = query[++i];
    if (code === '^') needle += '^';
    else if (code === 'p') needle += mark;
    else if (code === 't') needle += '\t';
    else throw fail(`^${code ?? ''}`);
  }
  return needle;
}
