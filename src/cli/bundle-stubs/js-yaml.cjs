// Bundled in place of js-yaml, which gray-matter loads for its default YAML engine. Octavo always gives
// gray-matter its own safe engine (the yaml package, core schema), so this one must never be reached.
'use strict';
function unused() {
  throw new Error('internal: gray-matter reached its own YAML engine; Octavo supplies a safe one');
}
module.exports = { safeLoad: unused, safeDump: unused, load: unused, dump: unused };
