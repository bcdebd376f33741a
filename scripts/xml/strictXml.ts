// Strict XML reading for every XML file we ship (Word manifests, WPS lists and ribbon). Word and the
// Microsoft 365 admin center parse the manifest with a conforming XML 1.0 parser: a `--` inside a
// comment, an undeclared entity or a stray `&` makes the add-in uninstallable. A lenient parser
// (fast-xml-parser accepted `--` in a comment) proves nothing, so this uses saxes — the strict,
// non-validating parser jsdom is built on, which passes the W3C XML conformance suite.
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlProblem { line: number; column: number; message: string }

/** A parsed element with its children in document order (qualified names as written, e.g. `bt:Url`). */
export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string; path: string }

/** Parses `xml` strictly: problems (empty when well-formed and namespace-correct) and the root element. */
export function parseStrictXml(xml: string): { problems: XmlProblem[]; root?: XmlElement } {
  const problems: XmlProblem[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (e) => {
    // saxes prefixes its messages with "line:column: "; keep the position apart for callers.
    const m = /^(\d+):(\d+): (.*)$/s.exec(e.message);
    problems.push(m ? { line: Number(m[1]), column: Number(m[2]), message: m[3] } : { line: parser.line, column: parser.column, message: e.message });
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) attrs[a.name] = a.value;
    const parent = stack[stack.length - 1];
    const el: XmlElement = { name: tag.name, attrs, children: [], text: '', path: parent ? `${parent.path}/${tag.name}` : tag.name };
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on('text', (t) => { const top = stack[stack.length - 1]; if (top) top.text += t; });
  parser.on('cdata', (t) => { const top = stack[stack.length - 1]; if (top) top.text += t; });
  parser.on('closetag', () => { stack.pop(); });
  try {
    parser.write(xml).close();
  } catch (e) {
    // saxes throws when no error handler consumes the error; ours records, so this is a safety net.
    problems.push({ line: parser.line, column: parser.column, message: (e as Error).message });
  }
  return { problems, root: problems.length ? undefined : root };
}

/** One line per problem, `file:line:column: message`, for build failures and test messages. */
export function formatXmlProblems(file: string, problems: readonly XmlProblem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n');
}
