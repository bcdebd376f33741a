// What the lite layer's build takes for granted about the code it compiles (webpack.config.js LITE_ASSUMPTIONS,
// CORE_JS_LITE_NATIVE), read from every file the lite bundles reach with the type checker: IE11 runs them with its
// own Map and Set (no iteration, no entries in the constructor, set()/add() return undefined) and without Symbol.
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
// the lite pane, its norms bundle and its lazily loaded chunks
const entries = ['src/taskpane-lite/index.ts', 'src/taskpane-lite/normsBundle.ts', 'src/taskpane-lite/diagnosticsView.ts', 'src/taskpane-lite/liteReport.ts'];

function offenders(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(entries.map((e) => path.join(root, e)), { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const typeOf = (n: ts.Node) => checker.getTypeAtLocation(n);
  const every = (t: ts.Type, ok: (t: ts.Type) => boolean): boolean => (t.isUnion() ? t.types.every((u) => every(u, ok)) : ok(t));
  // arrays and what extends them (a RegExp match); not `any`, which might be anything
  const isArray = (t: ts.Type) => every(t, (u) => !(u.flags & ts.TypeFlags.Any) && checker.isArrayLikeType(u));
  const collection = (t: ts.Type) => every(t, (u) => ['Map', 'Set', 'ReadonlyMap', 'ReadonlySet'].includes(u.getSymbol()?.getName() ?? ''));
  const found: string[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !file.fileName.startsWith(path.join(root, 'src'))) continue;
    const visit = (node: ts.Node): void => {
      const flag = (what: string) => found.push(`${path.relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
      // for…of is an index loop (iterableIsArray)
      if (ts.isForOfStatement(node) && !isArray(typeOf(node.expression))) flag(`for…of over ${checker.typeToString(typeOf(node.expression))}`);
      // spread and destructuring take arrays, and Maps and Sets (src/taskpane-lite/iterableToArray.js): no Symbol.iterator
      if (ts.isSpreadElement(node) && !isArray(typeOf(node.expression)) && !collection(typeOf(node.expression))) flag(`spread of ${checker.typeToString(typeOf(node.expression))}`);
      if (ts.isArrayBindingPattern(node) && !isArray(typeOf(node))) flag(`destructuring of ${checker.typeToString(typeOf(node))}`);
      if (ts.isYieldExpression(node) && node.asteriskToken) flag('yield*');
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && ['Map', 'Set'].includes(node.expression.text) && node.arguments?.length) flag(`new ${node.expression.text} with entries`);
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const { name, expression: target } = node.expression;
        if (collection(typeOf(target))) {
          if (['keys', 'values', 'entries'].includes(name.text)) flag(`${name.text}() of a ${checker.typeToString(typeOf(target))}`);
          // IE11's set() and add() return undefined
          if (['set', 'add'].includes(name.text) && !ts.isExpressionStatement(node.parent)) flag(`the result of ${name.text}()`);
        }
        if (ts.isIdentifier(target) && target.text === 'Array' && name.text === 'from' && node.arguments[0] && collection(typeOf(node.arguments[0]))) flag('Array.from of a Map or Set');
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

it('the lite bundles iterate only arrays, and use only what IE11\'s own Map and Set have', () => {
  expect(offenders()).toEqual([]);
}, 60000);
