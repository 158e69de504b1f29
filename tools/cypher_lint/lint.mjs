#!/usr/bin/env node
// Lint .cypher files with Neo4j's own parser and semantic analysis, offline.
//
// Usage:
//   node lint.mjs [--registry auto|neo4j|portable] FILE...
//   echo '[{"file": "a.cypher", "registry": "portable"}]' | node lint.mjs
//
// Each stdin entry may carry "text" (the file's content) instead of being read
// from disk. "registry" picks the function/procedure catalogue:
//   neo4j    - Neo4j's full catalogue (for `// engine: neo4j` files);
//   portable - only what FalkorDB and Neo4j share (portable.json), plus the
//              portable-subset rules of /work/shared/CYPHER.md;
//   auto     - neo4j when the header says `// engine: neo4j`, else portable.
// Prints one JSON array of {file, line, column, endLine, endColumn, severity,
// message, source}; lines and columns are 1-based and relative to the file.
// Exit status: 0 when it ran (whatever it found), 2 on bad usage.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  highlightSyntax,
  isNotParamError,
  lintCypherQuery,
  testData,
} from '@neo4j-cypher/language-support';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const VERSIONS = ['CYPHER 5', 'CYPHER 25'];
const ENGINE_HEADER = /^\/\/\s?engine:\s*(\S+)/m;

function pick(scoped, names) {
  const out = {};
  for (const version of VERSIONS) {
    const all = scoped[version] ?? {};
    out[version] = Object.fromEntries(
      Object.entries(all).filter(([name]) => names.has(name)),
    );
  }
  return out;
}

function buildSchemas() {
  const mock = testData.mockSchema;
  const portable = JSON.parse(readFileSync(join(HERE, 'portable.json'), 'utf8'));
  return {
    neo4j: {
      functions: mock.functions,
      procedures: mock.procedures,
      defaultLanguage: 'CYPHER 5',
    },
    portable: {
      functions: pick(mock.functions, new Set(portable.functions)),
      procedures: pick(mock.procedures, new Set(portable.procedures)),
      defaultLanguage: 'CYPHER 5',
    },
  };
}

function problem(file, token, message, severity = 'error') {
  const { line, startCharacter } = token.position;
  return {
    file,
    line: line + 1,
    column: startCharacter + 1,
    endLine: line + 1,
    endColumn: startCharacter + 1 + token.length,
    severity,
    message,
    source: 'portable-rules',
  };
}

function neo4jDiagnostics(file, text, schema) {
  const { diagnostics } = lintCypherQuery(text, schema);
  return diagnostics.filter(isNotParamError).map((d) => ({
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY[d.severity] ?? 'error',
    message: d.message,
    source: 'neo4j-lint',
  }));
}

// --- portable-subset rules, on Neo4j's own token stream ----------------------

const SUBQUERY_WORDS = new Set(['EXISTS', 'COUNT', 'COLLECT']);
const PREFIX_WORDS = new Set(['EXPLAIN', 'PROFILE', 'CYPHER']);
const LABEL_OPS = new Set(['|', '&', '!']);
const PATH_SEPARATORS = new Set(['-', '>', '<']);

const upper = (t) => (t ? t.token.toUpperCase() : '');
const isLabel = (t) => t?.tokenType === 'label';

function innermostBrackets(tokens) {
  // For each token, the type of the innermost bracket open around it.
  const stack = [];
  return tokens.map((t) => {
    const here = stack.at(-1);
    if (t.tokenType === 'bracket') {
      if ('([{'.includes(t.token)) stack.push(t.token);
      else stack.pop();
    }
    return here;
  });
}

function isNodeLabelOp(tokens, i, inside) {
  const [prev, tok, next] = [tokens[i - 1], tokens[i], tokens[i + 1]];
  if (tok.tokenType !== 'operator' || !LABEL_OPS.has(tok.token) || inside[i] === '[') {
    return false;
  }
  const startsLabel = isLabel(next) || next?.token === '(' || next?.token === '!';
  if (tok.token === '!') {
    return isLabel(next) && [':', '|', '&', '('].includes(prev?.token);
  }
  return (isLabel(prev) || prev?.token === ')') && startsLabel && (isLabel(prev) || isLabel(next));
}

function ruleFor(tokens, i, inside) {
  const [tok, next, prev] = [tokens[i], tokens[i + 1], tokens[i - 1]];
  const word = upper(tok);
  if (tok.tokenType === 'operator' && tok.token === '=~') {
    return 'regular expressions (=~) are not portable: FalkorDB does not support them';
  }
  if (SUBQUERY_WORDS.has(word) && next?.token === '{') {
    return `${word} { ... } subqueries are not portable (syntax error on FalkorDB): use a pattern predicate, size([...]) or a pattern comprehension`;
  }
  if (i === 0 && PREFIX_WORDS.has(word) && tok.tokenType === 'keyword') {
    return `no ${word} prefix in saved queries (FalkorDB ignores EXPLAIN/PROFILE and runs the query; CYPHER is a syntax error)`;
  }
  if (word === 'USE' && tok.tokenType === 'keyword') {
    return 'no USE clause in saved queries: pick the database in the driver';
  }
  if (word === 'SHORTESTPATH' && next?.token === '(') {
    return 'shortestPath() is not portable: use WITH a, b MATCH p = allShortestPaths((a)-[:T*..N]-(b)) ... LIMIT 1';
  }
  if (word === 'SHORTEST' && tok.tokenType === 'keyword') {
    return 'SHORTEST path selectors are not portable: use allShortestPaths in MATCH';
  }
  if (word === 'CALL' && tok.tokenType === 'keyword' && next?.token === '(') {
    return 'CALL (x) { ... } is a syntax error on FalkorDB: import with CALL { WITH x ... }';
  }
  if (word === 'OPTIONAL' && upper(next) === 'CALL') {
    return 'OPTIONAL CALL is a syntax error on FalkorDB';
  }
  if (['+', '*'].includes(tok.token) && PATH_SEPARATORS.has(prev?.token) &&
      prev?.tokenType === 'separator') {
    return 'quantified path patterns are not portable: use a variable-length relationship [:R*1..3]';
  }
  if (isNodeLabelOp(tokens, i, inside)) {
    return `node label expressions with '${tok.token}' are not portable: use WHERE n:A OR n:B`;
  }
  return null;
}

function portableProblems(file, text) {
  const tokens = highlightSyntax(text).filter((t) => t.tokenType !== 'comment');
  const inside = innermostBrackets(tokens);
  const found = [];
  tokens.forEach((tok, i) => {
    const message = ruleFor(tokens, i, inside);
    if (message) found.push(problem(file, tok, message));
  });
  found.push(...semicolonProblems(file, text, tokens));
  return found;
}

function semicolonProblems(file, text, tokens) {
  const semi = tokens.findIndex((t) => t.tokenType === 'punctuation' && t.token === ';');
  if (semi < 0) return [];
  if (semi < tokens.length - 1) {
    return [problem(file, tokens[semi + 1], 'one statement per file: a second statement starts here')];
  }
  // Measured on FalkorDB 4.16.3: "RETURN 1;" runs, but "RETURN 1;\n" (or a comment after
  // the ;) fails with "query with more than one statement is not supported".
  if (text.slice(tokens[semi].position.startOffset + 1) !== '') {
    return [problem(file, tokens[semi], "FalkorDB rejects anything after ';', even a newline " +
      "or a comment ('query with more than one statement'): drop the ';'")];
  }
  return [];
}

// --- input and output ---------------------------------------------------------

function registryFor(text, requested) {
  if (requested !== 'auto') return requested;
  const match = ENGINE_HEADER.exec(text);
  return match && match[1] === 'neo4j' ? 'neo4j' : 'portable';
}

function lintOne(entry, schemas) {
  const file = entry.file;
  let text = entry.text;
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error',
        message: `cannot read: ${err.message}`, source: 'neo4j-lint' }];
    }
  }
  const registry = registryFor(text, entry.registry ?? 'auto');
  if (!(registry in schemas)) {
    throw new Error(`${file}: unknown registry ${JSON.stringify(registry)}`);
  }
  const found = neo4jDiagnostics(file, text, schemas[registry]);
  if (registry === 'portable') found.push(...portableProblems(file, text));
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

function parseArgs(argv) {
  let registry = 'auto';
  const files = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--registry') registry = argv[(i += 1)];
    else if (argv[i].startsWith('--registry=')) registry = argv[i].slice(11);
    else if (argv[i] === '-h' || argv[i] === '--help') return null;
    else files.push({ file: argv[i], registry });
  }
  return files;
}

function main() {
  const entries = parseArgs(process.argv.slice(2));
  if (entries === null) {
    process.stdout.write('usage: node lint.mjs [--registry auto|neo4j|portable] FILE...\n' +
      '   or: JSON [{"file", "registry"?, "text"?}] on stdin\n');
    return 0;
  }
  const input = entries.length ? entries : JSON.parse(readFileSync(0, 'utf8'));
  if (!Array.isArray(input)) throw new Error('stdin must be a JSON list');
  const schemas = buildSchemas();
  // Grouped by registry: the linter re-initialises its function resolver on each switch.
  const ordered = [...input].sort((a, b) => String(a.registry).localeCompare(String(b.registry)));
  const out = ordered.flatMap((entry) => lintOne(entry, schemas));
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`cypher lint: ${err.message}\n`);
  process.exitCode = 2;
}
