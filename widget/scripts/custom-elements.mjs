// Generates custom-elements.json (the Custom Elements Manifest editors and
// docs tools read) from the components' JSDoc with
// @custom-elements-manifest/analyzer. Tags are registered through our
// defineElement() helper rather than customElements.define(), so a small
// plugin reads those calls.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { create, ts } from '@custom-elements-manifest/analyzer';

/** A CEM plugin: `defineElement('parley-x', ParleyX)` names the tag of class ParleyX. */
function defineElementPlugin() {
  const tags = new Map();
  return {
    name: 'parley-define-element',
    analyzePhase({ node }) {
      if (
        ts.isCallExpression(node) &&
        node.expression.getText() === 'defineElement' &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        tags.set(node.arguments[1]?.getText(), node.arguments[0].text);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (!tag) continue;
          declaration.tagName = tag;
          declaration.customElement = true;
          mod.exports ??= [];
          if (!mod.exports.some((e) => e.kind === 'custom-element-definition')) {
            mod.exports.push({
              kind: 'custom-element-definition',
              name: tag,
              declaration: { name: declaration.name, module: mod.path },
            });
          }
        }
      }
    },
  };
}

/** Analyses widget/src/components and writes the manifest to each path. */
export async function writeCustomElementsManifest(widgetDir, outputs) {
  const componentsDir = join(widgetDir, 'src', 'components');
  const files = readdirSync(componentsDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.component.ts'))
    .sort();
  const modules = files.map((file) => {
    const path = join(componentsDir, file);
    return ts.createSourceFile(
      relative(widgetDir, path),
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.ES2022,
      true,
    );
  });
  // The tag names live in each component's sibling define module.
  const defines = files.map((file) => {
    const path = join(componentsDir, file.replace('.component.ts', '.ts'));
    return ts.createSourceFile(
      relative(widgetDir, path),
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.ES2022,
      true,
    );
  });
  const manifest = create({ modules: [...modules, ...defines], plugins: [defineElementPlugin()] });
  manifest.modules = manifest.modules.filter((mod) => mod.declarations?.length);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  for (const output of outputs) writeFileSync(output, text);
  return manifest;
}
