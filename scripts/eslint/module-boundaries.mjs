/**
 * ESLint rule `gridgov/module-boundaries`: a module reads another module's data only through
 * that module's exported functions, never its `tables.ts`; platform tables are read through the
 * platform's functions; and the platform never imports a module. Tests may read any table to
 * check what was stored.
 */
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const AREA = /^server\/src\/(modules|platform)\/([^/]+)\/(.+)$/;
const TEST = /\.test\.ts$/;

function area(file) {
  const m = AREA.exec(path.relative(ROOT, file).split(path.sep).join('/'));
  return m ? { layer: m[1], name: m[2], rest: m[3] } : null;
}

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules use each other through exported functions, never tables; the platform never imports a module.' },
    messages: {
      foreignTable: "'{{target}}' belongs to {{owner}}: read it through {{owner}}'s exported functions, not its tables.",
      platformImportsModule: "The platform never imports a module ('{{target}}'): let the module register what the platform needs (kit providers).",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = area(file);
    if (!from || TEST.test(file)) return {};
    function check(node) {
      const spec = node.source && node.source.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = area(path.resolve(path.dirname(file), spec));
      if (!target) return;
      const shown = path.relative(ROOT, path.resolve(path.dirname(file), spec));
      if (from.layer === 'platform' && target.layer === 'modules') {
        context.report({ node, messageId: 'platformImportsModule', data: { target: shown } });
        return;
      }
      const isTables = /^tables\.(js|ts)$/.test(target.rest);
      const own = target.layer === from.layer && target.name === from.name;
      if (from.layer === 'modules' && isTables && !own) {
        context.report({ node, messageId: 'foreignTable', data: { target: shown, owner: `${target.layer}/${target.name}` } });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
