'use strict';
// Preload (node --require) that makes `@rocicorp/zero-sqlite3` resolve to
// orez's WebAssembly implementation, for both require() and import. Because
// it is meant to be passed through NODE_OPTIONS, every forked Node process
// picks it up as well.
const path = require('path');
const { pathToFileURL } = require('url');
const { registerHooks } = require('module');

const INDEX_URL = pathToFileURL(path.join(__dirname, 'index.cjs')).href;
const REPLACED = new Set([
	'@rocicorp/zero-sqlite3',
	'@rocicorp/zero-sqlite3/lib/index.js',
]);

if (typeof registerHooks !== 'function') {
	throw new Error('orez: this Node.js lacks module.registerHooks (needs Node >= 22.15)');
}

registerHooks({
	resolve(specifier, context, nextResolve) {
		if (REPLACED.has(specifier)) {
			return { url: INDEX_URL, format: 'commonjs', shortCircuit: true };
		}
		return nextResolve(specifier, context);
	},
});
