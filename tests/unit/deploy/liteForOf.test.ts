// The lite layer is compiled with swc's iterableIsArray (webpack.config.js LITE_ASSUMPTIONS): every for…of becomes
// an index loop, which is right only for arrays. This reads every for…of the lite bundles can reach with the type checker.
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../../..');
const entries = ['src/taskpane-lite/index.ts', 'src/taskpane-lite/normsBundle.ts', 'src/taskpane-lite/diagnosticsView.ts', 'src/taskpane-lite/liteReport.ts'];

it('every for…of in code the lite pane reaches iterates an array', () => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const program = ts.createProgram(entries.map((e) => path.join(root, e)), { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const isArray = (t: ts.Type): boolean => (t.isUnion() ? t.types.every(isArray) : checker.isArrayType(t) || checker.isTupleType(t));
  const offenders: string[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !file.fileName.startsWith(path.join(root, 'src'))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isForOfStatement(node) && !isArray(checker.getTypeAtLocation(node.expression))) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        offenders.push(`${path.relative(root, file.fileName)}:${line + 1} ${checker.typeToString(checker.getTypeAtLocation(node.expression))}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  expect(offenders).toEqual([]);
}, 60000);
