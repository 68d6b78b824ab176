// Collapses the indentation inside Lit `html` and `svg` template literals of
// the widget's own modules: every run of whitespace containing a newline
// becomes one space, which renders the same (no template here holds <pre>
// or a textarea's default text). Expressions inside `${}` are copied as they
// are, except nested html/svg templates, which are collapsed too.

/** Returns `code` with the static parts of html`` / svg`` literals collapsed. */
export function collapseTemplates(code) {
  let out = '';
  let i = 0;
  const tag = /\b(?:html|svg)`/g;
  for (;;) {
    tag.lastIndex = i;
    const match = tag.exec(code);
    if (!match) break;
    const start = match.index + match[0].length;
    out += code.slice(i, start);
    const [text, end] = template(code, start, true);
    out += text;
    i = end;
  }
  return out + code.slice(i);
}

// Reads a template literal body starting after its opening backtick; returns [text, index after closing backtick].
function template(code, i, collapse) {
  let out = '';
  let chunk = '';
  const flush = () => {
    out += collapse ? chunk.replace(/\s*\n\s*/g, ' ') : chunk;
    chunk = '';
  };
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') {
      chunk += code.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      flush();
      return [`${out}\``, i + 1];
    } else if (c === '$' && code[i + 1] === '{') {
      flush();
      const [expr, end] = expression(code, i + 2);
      out += `\${${expr}`;
      i = end;
    } else {
      chunk += c;
      i++;
    }
  }
  throw new Error('Unterminated template literal');
}

// Reads a `${…}` expression body; returns [text including the closing brace, index after it].
function expression(code, i) {
  let out = '';
  let depth = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '`') {
      const tagged = /\b(?:html|svg)$/.test(out);
      const [text, end] = template(code, i + 1, tagged);
      out += `\`${text}`;
      i = end;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j + 1;
    } else {
      if (c === '{') depth++;
      if (c === '}' && depth-- === 0) return [`${out}}`, i + 1];
      out += c;
      i++;
    }
  }
  throw new Error('Unterminated template expression');
}
