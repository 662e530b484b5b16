// Bundled in place of node-fetch (epub-gen-memory's image and font downloader). Octavo never fetches
// anything while building, so the network code is not even in the program.
'use strict';
function refuse(url) {
  throw new Error(`Octavo never downloads anything while building (asked for ${url})`);
}
module.exports = refuse;
module.exports.default = refuse;
