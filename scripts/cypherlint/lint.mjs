// Lints the statements printed by `go run ./scripts/cypherlint/statements`
// (read from the file named by the first argument) with lintCypherQuery
// from @neo4j-cypher/language-support, against the graph schema and each
// statement's declared parameters. Exits non-zero on any error, and on any
// warning about a label, type or property outside the schema.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const { schema, statements } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let problems = 0;
for (const st of statements) {
  const parameters = Object.fromEntries((st.params || []).map((p) => [p, null]));
  const { diagnostics } = lintCypherQuery(st.cypher, { ...schema, parameters });
  for (const d of diagnostics) {
    const level = d.severity === 1 ? 'error' : 'warning';
    console.log(`${level}: ${st.name}: ${d.message}\n    ${st.cypher}`);
    problems++;
  }
}
console.log(`lint-cypher: checked ${statements.length} statements, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
