/** Which Octavo this is: the release, and the build the running code was bundled from. */
declare const OCTAVO_VERSION: string;
declare const OCTAVO_BUILD: string;

export const VERSION = typeof OCTAVO_VERSION === 'string' ? OCTAVO_VERSION : '0.0.0-dev';
/**
 * The release and a hash of the sources and the locked dependencies it was bundled from: the build cache
 * never serves what other code made, even between two builds of one release.
 */
export const BUILD = `${VERSION}+${typeof OCTAVO_BUILD === 'string' ? OCTAVO_BUILD : 'unbundled'}`;
