// Prints DAISY Ace's violations from report.json and exits 1 when there are any.
import fs from 'node:fs';

const [reportPath, book] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const violations = [];
for (const assertion of report.assertions ?? []) {
  for (const result of assertion.assertions ?? []) {
    if (result['earl:result']?.['earl:outcome'] === 'fail') {
      violations.push(
        `${result['earl:test']?.['dct:title'] ?? '?'} [${result['earl:test']?.['earl:impact'] ?? '?'}] in ` +
          `${assertion['earl:testSubject']?.url ?? '?'}: ${result['earl:result']?.['dct:description'] ?? ''}`,
      );
    }
  }
}
console.log(`${book}: ${violations.length} Ace violation${violations.length === 1 ? '' : 's'}`);
for (const v of violations) console.log(`  - ${v}`);
// Cross-check with Ace's own verdict, so that a change in the report's shape cannot pass silently.
const outcome = report['earl:result']?.['earl:outcome'];
if (outcome !== 'pass' && violations.length === 0) {
  console.log(`  Ace's verdict is "${outcome}" but no violation was read: the report format changed?`);
  process.exit(1);
}
process.exit(violations.length ? 1 : 0);
