#!/usr/bin/env node
// Validate AsyncAPI documents with the official AsyncAPI parser.
//
//   node contracts/tools/validate-asyncapi.mjs [FILE ...] [--strict] [--quiet]
//
// FILE defaults to contracts/asyncapi.yaml (next to this tools/ folder). Relative
// `$ref`s (./events/<EventName>/v1.schema.json, ./examples/...) are resolved from
// disk, relative to FILE. Each document's diagnostics are printed, then its own
// summary line, "OK: FILE (...)" or "FAIL: FILE ...", in the order given: several
// documents are checked in one run because loading the parser takes most of a run's
// time. The exit status is
//   0  no error-severity diagnostic in any document (with --strict: no warning either)
//   1  a document has errors
//   2  usage error, unreadable file, or the parser is not installed
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const toolsDir = path.dirname(fileURLToPath(import.meta.url));
const contractsDir = path.resolve(toolsDir, '..');

const SEVERITY = ['error', 'warning', 'info', 'hint'];

function usage(message) {
  if (message) console.error(`validate-asyncapi: ${message}`);
  console.error('usage: node contracts/tools/validate-asyncapi.mjs [FILE ...] [--strict] [--quiet]');
  process.exit(2);
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const files = args.filter((a) => !a.startsWith('--'));
for (const flag of flags) {
  if (!['--strict', '--quiet', '--help'].includes(flag)) usage(`unknown option ${flag}`);
}
if (flags.has('--help')) usage();

const documents = (files.length ? files : [path.join(contractsDir, 'asyncapi.yaml')]).map((f) => path.resolve(f));
for (const file of documents) {
  if (!existsSync(file)) usage(`no such file: ${file}`);
}

// The parser lives in contracts/node_modules whatever the current directory is.
let parserModule;
try {
  parserModule = createRequire(path.join(contractsDir, 'package.json'))('@asyncapi/parser');
} catch (err) {
  console.error(
    'validate-asyncapi: @asyncapi/parser is not installed in contracts/node_modules.\n' +
      'Run `make bootstrap` (it runs `npm ci --prefix contracts`).\n' +
      `(${err.message.split('\n')[0]})`,
  );
  process.exit(2);
}
const { Parser, fromFile } = parserModule;

function where(diagnostic) {
  const source = diagnostic.source ? path.relative(process.cwd(), diagnostic.source) || diagnostic.source : '';
  const start = diagnostic.range?.start;
  const position = start ? `:${start.line + 1}:${start.character + 1}` : '';
  return `${source}${position}`;
}

/** Print one document's diagnostics and its summary line; true when it failed. */
async function check(file) {
  const rel = path.relative(process.cwd(), file) || file;
  // A parser of its own: nothing resolved for one document is reused for the next.
  let output;
  try {
    output = await fromFile(new Parser(), file).parse();
  } catch (err) {
    console.log(`FAIL: ${rel}: cannot parse: ${err.message}`);
    return true;
  }
  const { document, diagnostics } = output;

  const counts = [0, 0, 0, 0];
  for (const d of diagnostics) {
    counts[d.severity] = (counts[d.severity] ?? 0) + 1;
    if (flags.has('--quiet') && d.severity > 1) continue;
    const at = d.path && d.path.length ? ` at ${d.path.join('.')}` : '';
    console.log(`${SEVERITY[d.severity] ?? d.severity}\t${d.code}${at}\t${d.message}\t${where(d)}`);
  }

  const failed = counts[0] > 0 || !document || (flags.has('--strict') && counts[1] > 0);
  if (document) {
    const summary =
      `${document.channels().length} channels, ${document.operations().length} operations, ` +
      `${document.allMessages().length} messages`;
    console.log(`${failed ? 'FAIL' : 'OK'}: ${rel} (AsyncAPI ${document.version()}; ${summary}); ` +
      `${counts[0]} errors, ${counts[1]} warnings`);
  } else {
    console.log(`FAIL: ${rel}: the document could not be parsed; ${counts[0]} errors, ${counts[1]} warnings`);
  }
  return failed;
}

let anyFailed = false;
for (const file of documents) {
  anyFailed = (await check(file)) || anyFailed;
}
process.exit(anyFailed ? 1 : 0);
