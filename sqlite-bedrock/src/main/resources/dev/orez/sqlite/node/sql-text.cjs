'use strict';
// Scanning of SQL source text in wasm memory: whitespace, semicolons and comments
// between statements.

function isSkipped(c) {
	return c === 0x20 || c === 0x3b /* ; */ || (c >= 0x09 && c <= 0x0d);
}

// True when only whitespace, semicolons and comments remain in [p, end).
function onlyTrivia(heap, p, end) {
	while (p < end) {
		const c = heap[p];
		if (c === 0) return true;
		if (isSkipped(c)) {
			p++;
		} else if (c === 0x2f /* / */ && heap[p + 1] === 0x2a /* * */) {
			p += 2;
			while (p < end && !(heap[p] === 0x2a && heap[p + 1] === 0x2f)) p++;
			p = Math.min(end, p + 2);
		} else if (c === 0x2d /* - */ && heap[p + 1] === 0x2d) {
			p += 2;
			while (p < end && heap[p] !== 0x0a) p++;
			p++;
		} else {
			return false;
		}
	}
	return true;
}

module.exports = {
	isSkipped,
	onlyTrivia,
};
