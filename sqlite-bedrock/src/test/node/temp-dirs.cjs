'use strict';
// A fresh directory per test case under one temporary root, removed when the test file is done.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function tempDirs(test, prefix) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	test.after(() => fs.rmSync(root, { recursive: true, force: true }));
	let counter = 0;
	return function freshDir(label) {
		const dir = path.join(root, `${label}-${counter++}`);
		fs.mkdirSync(dir);
		return dir;
	};
}

module.exports = { tempDirs };
